using Microsoft.Extensions.Options;

namespace DeliberationBot.Slack;

/// <summary>
/// The rules that span settings (which ones Slack needs once it is enabled); each field's own rules are data
/// annotations on <see cref="SlackOptions"/>. Fails start-up with messages that say what to set and where to find it.
/// </summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var errors = new List<string>();
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

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
