using System.Net;
using System.Text.Json.Nodes;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack.Tests.Installation;

/// <summary>Multi-workspace distribution: the OAuth v2 install, the encrypted token it leaves, its use and its removal.</summary>
public sealed class OAuthInstallTests : IAsyncLifetime
{
    private const string NewTeam = "T0NEW";
    private const string InstalledToken = "xoxb-installed-t0new-secret";
    private FakeSlackApi _api = null!;
    private SlackTestHost _host = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        _host = await SlackTestHost.StartAsync(_api, s =>
        {
            s["Slack:BotToken"] = "";
            s["Slack:ClientId"] = "123.456";
            s["Slack:ClientSecret"] = "client-secret";
            s["Slack:OAuthAuthorizeUrl"] = "https://slack.test/oauth/v2/authorize";
        });

        // A browser that shows us redirects and cookies instead of following and keeping them.
        _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _host.Http.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _host.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Install_stores_the_workspace_with_its_token_encrypted_and_commands_from_it_use_that_token()
    {
        var (state, cookie) = await StartInstallAsync();
        _api.Enqueue("oauth.v2.access", Granted());

        var callback = await CallbackAsync($"code=c0de-1&state={state}", cookie);

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Equal("text/html", callback.Content.Headers.ContentType?.MediaType);
        Assert.Contains("installed in New &amp; Team", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith("slack_oauth_state=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));

        var exchange = Assert.Single(_api.CallsTo("oauth.v2.access"));
        Assert.Null(exchange.Authorization);
        Assert.Equal(("123.456", "client-secret", "c0de-1"), (exchange.Form("client_id"), exchange.Form("client_secret"), exchange.Form("code")));
        Assert.Equal(new Uri(_host.Http.BaseAddress!, "/api/slack/oauth/callback").ToString(), exchange.Form("redirect_uri"));

        var stored = Assert.Single(await _host.Db.ChannelStateAsync("slack"));
        Assert.Equal((NewTeam, "installation", "bot"), (stored.WorkspaceId, stored.Kind, stored.Key));
        Assert.Contains("U0NEWBOT", stored.Json, StringComparison.Ordinal);
        Assert.DoesNotContain(InstalledToken, stored.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb-", stored.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxp-", stored.Json, StringComparison.Ordinal);

        // A command from the new workspace: every call for it carries the installed token.
        await _host.CommandAsync(SlackPayloads.Command("start quick-check \"Installed elsewhere\"", team: NewTeam));
        var post = await _api.WaitForAsync("chat.postMessage");
        Assert.Equal("Bearer " + InstalledToken, post.Authorization);
        Assert.Equal("Bearer " + InstalledToken, Assert.Single(_api.CallsTo("users.info")).Authorization);

        // Another workspace is not installed, and with no Slack:BotToken there is nothing to call it with.
        Assert.Null(await Tokens.BotTokenForAsync(SlackPayloads.Team, default));
    }

    [Fact]
    public async Task App_uninstalled_deletes_the_installation_and_its_token()
    {
        await InstallAsync();

        var response = await _host.EventAsync(SlackPayloads.Event(new JsonObject { ["type"] = "app_uninstalled", ["event_ts"] = "1700000000.1" }, team: NewTeam));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await _host.Db.ChannelStateAsync("slack"));
        Assert.Null(await Tokens.BotTokenForAsync(NewTeam, default));
        Assert.Contains(_host.Logs.Entries, e => e.Message.Contains("T0NEW deleted (app_uninstalled)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tokens_revoked_deletes_the_installation_only_when_the_bot_token_is_revoked()
    {
        await InstallAsync();
        JsonObject Revoked(string kind) => SlackPayloads.Event(new JsonObject
        {
            ["type"] = "tokens_revoked",
            ["tokens"] = new JsonObject { [kind] = new JsonArray(kind == "bot" ? "U0NEWBOT" : "U0ADMIN") },
        }, team: NewTeam);

        await _host.EventAsync(Revoked("oauth"));
        Assert.Equal(InstalledToken, await Tokens.BotTokenForAsync(NewTeam, default));

        await _host.EventAsync(Revoked("bot"));
        Assert.Empty(await _host.Db.ChannelStateAsync("slack"));
        Assert.Null(await Tokens.BotTokenForAsync(NewTeam, default));
    }

    [Fact]
    public async Task A_state_that_is_not_the_one_this_browser_started_is_refused()
    {
        var (_, cookie) = await StartInstallAsync();

        var callback = await CallbackAsync("code=c0de&state=forged-state", cookie);

        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        Assert.Contains("did not match", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task A_callback_without_the_browser_cookie_is_refused()
    {
        var (state, _) = await StartInstallAsync();

        var callback = await CallbackAsync($"code=c0de&state={state}", cookie: null);

        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        Assert.Contains("did not bring back the cookie", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task A_state_older_than_ten_minutes_is_refused()
    {
        var (state, cookie) = await StartInstallAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(11));

        var callback = await CallbackAsync($"code=c0de&state={state}", cookie);

        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task When_Slack_refuses_the_code_nothing_is_stored_and_the_page_says_what_Slack_said()
    {
        var (state, cookie) = await StartInstallAsync();
        _api.Enqueue("oauth.v2.access", FakeResponse.Error("invalid_code"));

        var callback = await CallbackAsync($"code=used&state={state}", cookie);

        Assert.Equal(HttpStatusCode.BadGateway, callback.StatusCode);
        Assert.Contains("invalid_code", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(_api.CallsTo("oauth.v2.access"));
        Assert.Empty(await _host.Db.ChannelStateAsync("slack"));
        Assert.Contains(_host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("oauth.v2.access: invalid_code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_person_who_presses_Cancel_on_Slack_gets_a_page_saying_nothing_was_installed()
    {
        var (state, cookie) = await StartInstallAsync();

        var callback = await CallbackAsync($"error=access_denied&state={state}", cookie);

        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        Assert.Contains("access_denied", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    private ISlackTokenSource Tokens => _host.Services.GetRequiredService<ISlackTokenSource>();

    /// <summary>GET /api/slack/install: a redirect to Slack's authorize page, and the state cookie for this browser.</summary>
    private async Task<(string State, string Cookie)> StartInstallAsync()
    {
        var install = await _browser.GetAsync("/api/slack/install");

        Assert.Equal(HttpStatusCode.Redirect, install.StatusCode);
        var location = install.Headers.Location!;
        Assert.StartsWith("https://slack.test/oauth/v2/authorize?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("123.456", query["client_id"].ToString());
        Assert.Equal(string.Join(',', SlackApp.BotScopes), query["scope"].ToString());
        Assert.Equal(new Uri(_host.Http.BaseAddress!, "/api/slack/oauth/callback").ToString(), query["redirect_uri"].ToString());
        var state = query["state"].ToString();
        Assert.True(state.Length >= 40, state);

        var setCookie = Assert.Single(install.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("slack_oauth_state=", setCookie, StringComparison.Ordinal);
        foreach (var attribute in new[] { "max-age=600", "path=/api/slack/oauth/callback", "samesite=lax", "httponly" })
        {
            Assert.Contains(attribute, setCookie, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(state, setCookie, StringComparison.Ordinal);
        return (state, setCookie.Split(';')[0]);
    }

    private async Task<HttpResponseMessage> CallbackAsync(string query, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/slack/oauth/callback?" + query);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await _browser.SendAsync(request);
    }

    private async Task InstallAsync()
    {
        var (state, cookie) = await StartInstallAsync();
        _api.Enqueue("oauth.v2.access", Granted());
        Assert.Equal(HttpStatusCode.OK, (await CallbackAsync($"code=c0de&state={state}", cookie)).StatusCode);
        Assert.Equal(InstalledToken, await Tokens.BotTokenForAsync(NewTeam, default));
    }

    private async Task AssertNothingInstalledAsync()
    {
        Assert.Empty(_api.CallsTo("oauth.v2.access"));
        Assert.Empty(await _host.Db.ChannelStateAsync("slack"));
    }

    /// <summary>oauth.v2.access's answer for a bot install, as Slack documents it.</summary>
    private static FakeResponse Granted() => FakeResponse.Ok(new JsonObject
    {
        ["access_token"] = InstalledToken,
        ["token_type"] = "bot",
        ["scope"] = string.Join(',', SlackApp.BotScopes),
        ["bot_user_id"] = "U0NEWBOT",
        ["app_id"] = "A0TEST",
        ["team"] = new JsonObject { ["name"] = "New & Team", ["id"] = NewTeam },
        ["enterprise"] = null,
        ["is_enterprise_install"] = false,
        ["authed_user"] = new JsonObject { ["id"] = "U0ADMIN", ["scope"] = "", ["access_token"] = "xoxp-not-kept", ["token_type"] = "user" },
    });
}
