using Microsoft.Extensions.Options;

namespace DeliberationBot.Slack;

/// <summary>Fails start-up with messages that say what to set and where to find it.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BotToken) && !options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            errors.Add("Slack:BotToken must be a bot token starting with 'xoxb-' (Slack app settings → OAuth & Permissions → Bot User OAuth Token).");
        }

        if (!string.IsNullOrWhiteSpace(options.AppToken) && !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
        {
            errors.Add("Slack:AppToken must be an app-level token starting with 'xapp-' (Slack app settings → Basic Information → App-Level Tokens, scope connections:write).");
        }

        if (!string.IsNullOrWhiteSpace(options.AppToken) && !options.Enabled)
        {
            errors.Add("Slack:AppToken is set but Slack is not enabled: set Slack:BotToken (xoxb-…) too, so the bot can post.");
        }

        if (options.Enabled && string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            errors.Add("Slack:SigningSecret is required when Slack is enabled (Slack:BotToken or Slack:ClientId is set). " +
                "Copy it from the Slack app settings → Basic Information → App Credentials → Signing Secret, " +
                "e.g. into the environment variable Slack__SigningSecret. Requests are never accepted unverified.");
        }

        if (!string.IsNullOrWhiteSpace(options.ClientId) && string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add("Slack:ClientSecret is required when Slack:ClientId is set (Basic Information → App Credentials → Client Secret).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) && !string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add("Slack:ClientId is required when Slack:ClientSecret is set (Basic Information → App Credentials → Client ID); set both or neither.");
        }

        if (!IsHttpUrl(options.ApiBaseUrl))
        {
            errors.Add($"Slack:ApiBaseUrl must be an absolute http(s) URL such as https://slack.com/api/ (it is '{options.ApiBaseUrl}').");
        }

        if (!IsHttpUrl(options.OAuthAuthorizeUrl))
        {
            errors.Add($"Slack:OAuthAuthorizeUrl must be an absolute http(s) URL such as https://slack.com/oauth/v2/authorize (it is '{options.OAuthAuthorizeUrl}').");
        }

        if (!string.IsNullOrWhiteSpace(options.RedirectUrl) && !IsHttpUrl(options.RedirectUrl))
        {
            errors.Add($"Slack:RedirectUrl must be an absolute http(s) URL ending in /api/slack/oauth/callback, as registered under OAuth & Permissions → Redirect URLs (it is '{options.RedirectUrl}').");
        }

        if (options.MaxBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            errors.Add("Slack:MaxBodyBytes must be between 1024 and 16777216.");
        }

        if (options.HttpTimeout <= TimeSpan.Zero || options.HttpTimeout > TimeSpan.FromMinutes(2))
        {
            errors.Add("Slack:HttpTimeout must be between 0 and 2 minutes, e.g. 00:00:10.");
        }

        if (options.TransientRetries is < 0 or > 10)
        {
            errors.Add("Slack:TransientRetries must be between 0 and 10.");
        }

        if (options.TransientRetryDelay < TimeSpan.Zero || options.TransientRetryDelay > TimeSpan.FromSeconds(30))
        {
            errors.Add("Slack:TransientRetryDelay must be between 0 and 30 seconds.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
