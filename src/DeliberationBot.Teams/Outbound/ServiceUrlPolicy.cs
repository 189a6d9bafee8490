using Microsoft.Extensions.Options;

namespace DeliberationBot.Teams.Outbound;

/// <summary>
/// The hosts the bot sends its bearer token to. A stored service URL could have been tampered with, so only the Teams
/// connector hosts (public, GCC, GCC High, DoD), configured extras and, when allowed, loopback addresses qualify.
/// </summary>
internal sealed class ServiceUrlPolicy(IOptions<TeamsOptions> options)
{
    public static readonly IReadOnlyList<string> TeamsHosts =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
    ];

    /// <summary>The service URL as a base URI ending in '/', or null with the reason it is refused.</summary>
    public (Uri? Base, string? Refusal) Check(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return (null, $"service URL '{serviceUrl}' is not an absolute http(s) URL");
        }

        var opts = options.Value;
        var loopbackAllowed = opts.AllowLoopbackServiceUrl || opts.Unauthenticated;
        var allowed = Loopback.Is(uri)
            ? loopbackAllowed
            : uri.Scheme == Uri.UriSchemeHttps && (TeamsHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase) || opts.ServiceUrlHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase));
        if (!allowed)
        {
            return (null, Loopback.Is(uri)
                ? $"service URL host '{uri.Host}' is a loopback address; set Teams:AllowLoopbackServiceUrl=true to send there"
                : $"service URL host '{uri.Host}' is not a Teams connector host; add it to Teams:ServiceUrlHosts if it is genuine (https only)");
        }

        var text = uri.GetLeftPart(UriPartial.Path);
        return (new Uri(text.EndsWith('/') ? text : text + "/"), null);
    }
}
