using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DeliberationBot.Host.Logging;

/// <summary>
/// Removes secrets from log text: export-link tokens and other credentials in query strings, bearer tokens and JWTs,
/// Slack bot, user and app tokens, and Slack request signatures. Applied to every message, every structured value and
/// every exception message the service logs, whatever the level, so a log shipped elsewhere carries none of them.
/// </summary>
internal static partial class LogRedaction
{
    public const string Mask = "[redacted]";

    public static string Redact(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        text = QuerySecret().Replace(text, m => m.Groups["name"].Value + Mask);
        text = Bearer().Replace(text, "Bearer " + Mask);
        text = Jwt().Replace(text, Mask);
        text = SlackToken().Replace(text, m => m.Groups["kind"].Value + Mask);
        return SlackSignature().Replace(text, "v0=" + Mask);
    }

    [GeneratedRegex(@"(?<name>[?&;](?:token|sig|signature|code|client_secret|access_token|api-key|key)=)[^&\s""'<>|]+", RegexOptions.IgnoreCase)]
    private static partial Regex QuerySecret();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?<kind>xox[abposre]-|xapp-)[A-Za-z0-9-]+")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"v0=[0-9a-fA-F]{16,}")]
    private static partial Regex SlackSignature();
}

internal static class SecretRedactionExtensions
{
    /// <summary>Every logger the service creates redacts secrets (see <see cref="LogRedaction"/>).</summary>
    public static IServiceCollection AddSecretRedaction(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory, RedactingLoggerFactory>());
        return services;
    }
}
