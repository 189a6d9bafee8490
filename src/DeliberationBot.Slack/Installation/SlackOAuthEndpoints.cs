using System.Text.Json;
using DeliberationBot.Slack.Outbound;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Slack.Installation;

/// <summary>
/// Multi-workspace distribution (OAuth v2): <c>/api/slack/install</c> sends the browser to Slack with a fresh state
/// bound to it by a cookie; <c>/api/slack/oauth/callback</c> checks both, exchanges the code for the workspace's bot
/// token and stores the installation with the token encrypted.
/// </summary>
internal sealed class SlackOAuthEndpoints(
    SlackApiClient api,
    OAuthState states,
    SlackInstallations installations,
    IOptions<SlackOptions> options,
    TimeProvider time,
    SlackLog log)
{
    public const string InstallPath = "/api/slack/install";
    public const string CallbackPath = "/api/slack/oauth/callback";

    public IResult Install(HttpContext context)
    {
        var opts = options.Value;
        var (state, cookie) = states.Issue();
        context.Response.Cookies.Append(OAuthState.CookieName, cookie, CookieOptions(context));
        var url = QueryHelpers.AddQueryString(opts.OAuthAuthorizeUrl, new Dictionary<string, string?>
        {
            ["client_id"] = opts.ClientId,
            ["scope"] = string.Join(',', SlackApp.BotScopes),
            ["redirect_uri"] = RedirectUri(context),
            ["state"] = state,
        });
        return TypedResults.Redirect(url);
    }

    public async Task<IResult> CallbackAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var cookie = context.Request.Cookies[OAuthState.CookieName];
        context.Response.Cookies.Delete(OAuthState.CookieName, CookieOptions(context));
        if (query["error"].ToString() is { Length: > 0 } error)
        {
            var denied = error.Length > 100 ? error[..100] : error;
            log.InstallFailed("denied: " + denied);
            return InstallPage.Show(StatusCodes.Status400BadRequest, "DeliberationBot was not installed",
                $"Slack reported \"{denied}\", so nothing was installed. To try again, open {InstallPath} and press Allow.");
        }

        var check = states.Check(query["state"], cookie);
        if (check != StateCheck.Valid)
        {
            log.InstallFailed("state " + check);
            return InstallPage.Show(StatusCodes.Status400BadRequest, "This install link can't be used", check == StateCheck.MissingCookie
                ? $"Your browser did not bring back the cookie set when the install started (it lasts 10 minutes and belongs to the browser that opened {InstallPath}). Start again from {InstallPath} in this browser."
                : $"The install request did not match the one this browser started, or it is more than 10 minutes old. Start again from {InstallPath}.");
        }

        if (query["code"].ToString() is not { Length: > 0 } code)
        {
            log.InstallFailed("no code");
            return InstallPage.Show(StatusCodes.Status400BadRequest, "This install link can't be used", $"Slack sent no authorization code. Start again from {InstallPath}.");
        }

        var exchanged = await api.ExchangeCodeAsync(code, RedirectUri(context), context.RequestAborted);
        if (!exchanged.Ok)
        {
            log.InstallFailed("oauth.v2.access: " + exchanged.Error);
            return InstallPage.Show(StatusCodes.Status502BadGateway, "Slack did not complete the installation",
                $"Slack answered \"{exchanged.Error}\". Start again from {InstallPath}; if it keeps happening, check Slack:ClientId, Slack:ClientSecret and the redirect URL in the app's OAuth settings.");
        }

        return await SaveAsync(exchanged, context.RequestAborted);
    }

    private async Task<IResult> SaveAsync(SlackApiResult exchanged, CancellationToken ct)
    {
        var team = exchanged.GetString("team", "id");
        var token = exchanged.GetString("access_token");
        var organizationWide = exchanged.Body.TryGetProperty("is_enterprise_install", out var org) && org.ValueKind == JsonValueKind.True;
        if (organizationWide || string.IsNullOrEmpty(team))
        {
            log.InstallFailed("organization-wide install");
            return InstallPage.Show(StatusCodes.Status400BadRequest, "Install it in a workspace",
                "DeliberationBot is installed one workspace at a time, not across a whole Enterprise Grid organization. Install it from a workspace.");
        }

        if (token is null || !token.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            log.InstallFailed("no bot token in oauth.v2.access");
            return InstallPage.Show(StatusCodes.Status502BadGateway, "Slack did not complete the installation", "Slack's answer carried no bot token. Start again from " + InstallPath + ".");
        }

        var teamName = exchanged.GetString("team", "name");
        await installations.SaveAsync(new SlackInstallation(
            team, teamName, exchanged.GetString("enterprise", "id"), exchanged.GetString("app_id"), exchanged.GetString("bot_user_id"),
            exchanged.GetString("scope") ?? "", installations.Protect(token), exchanged.GetString("authed_user", "id"), time.GetUtcNow()), ct);
        log.Installed(team);
        return InstallPage.Show(StatusCodes.Status200OK, "DeliberationBot is installed",
            $"DeliberationBot is now installed in {teamName ?? team}. In any channel, type /deliberate help to see what it can do, or /deliberate start to begin a deliberation.");
    }

    /// <summary>The redirect URL: Slack:RedirectUrl, else this service's own callback as the request reached it.</summary>
    private string RedirectUri(HttpContext context) =>
        options.Value.RedirectUrl is { Length: > 0 } configured
            ? configured
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{CallbackPath}";

    private static CookieOptions CookieOptions(HttpContext context) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = CallbackPath,
        MaxAge = OAuthState.Lifetime,
        IsEssential = true,
    };
}
