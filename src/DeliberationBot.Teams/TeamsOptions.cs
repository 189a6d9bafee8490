using System.ComponentModel.DataAnnotations;
using DeliberationBot.Core.Settings;

namespace DeliberationBot.Teams;

/// <summary>
/// The "Teams" configuration section. Teams is enabled by <see cref="AppId"/> (every request then carries a validated
/// JWT), or, in the Development environment only, by <see cref="AllowUnauthenticated"/> for local tools such as the
/// Microsoft 365 Agents Playground.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The Microsoft App ID of the Azure Bot resource (for UserAssignedMSI: the managed identity's client id).</summary>
    public string? AppId { get; set; }

    /// <summary>The client secret of that app registration (not used with UserAssignedMSI).</summary>
    public string? AppPassword { get; set; }

    /// <summary>MultiTenant, SingleTenant (the default; what new Azure Bot resources must use) or UserAssignedMSI.</summary>
    [OneOf("Teams:AppType", nameof(TeamsAppType.SingleTenant), nameof(TeamsAppType.MultiTenant), nameof(TeamsAppType.UserAssignedMSI),
        ErrorMessage = "It is the 'Type of App' of the Azure Bot resource.")]
    public string AppType { get; set; } = nameof(TeamsAppType.SingleTenant);

    /// <summary>The bot's home tenant; required for SingleTenant and UserAssignedMSI.</summary>
    public string? TenantId { get; set; }

    /// <summary>Public, USGov or China: picks the defaults of the four endpoints below.</summary>
    [OneOf("Teams:Cloud", nameof(TeamsCloud.Public), nameof(TeamsCloud.USGov), nameof(TeamsCloud.China))]
    public string Cloud { get; set; } = nameof(TeamsCloud.Public);

    /// <summary>Overrides the cloud's OpenID metadata document of the Bot Framework channel (signing keys).</summary>
    public string? OpenIdMetadataUrl { get; set; }

    /// <summary>Overrides the issuer expected in tokens from the channel.</summary>
    public string? ChannelIssuer { get; set; }

    /// <summary>Overrides the token authority host for outbound tokens, e.g. https://login.microsoftonline.com.</summary>
    public string? TokenAuthority { get; set; }

    /// <summary>Overrides the scope of outbound tokens, e.g. https://api.botframework.com/.default.</summary>
    public string? TokenScope { get; set; }

    /// <summary>Development only, and only without an AppId: accept activities that carry no token.</summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>Further service URL hosts the bot may send to (exact host names), besides the Teams ones.</summary>
    public List<string> ServiceUrlHosts { get; set; } = [];

    /// <summary>Allow http(s) service URLs on loopback addresses (local Playground, tests). On by itself in unauthenticated Development mode.</summary>
    public bool AllowLoopbackServiceUrl { get; set; }

    /// <summary>Inbound bodies larger than this are refused (Teams messages are at most about 100 KB).</summary>
    [Range(4096, 16 * 1024 * 1024, ErrorMessage = "Teams:MaxBodyBytes must be between 4096 and 16777216.")]
    public int MaxBodyBytes { get; set; } = 512 * 1024;

    /// <summary>How long one Bot Connector call may take (per attempt).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:02:00", MinimumIsExclusive = true, ErrorMessage = "Teams:ConnectorTimeout must be between 0 and 2 minutes, e.g. 00:00:15.")]
    public TimeSpan ConnectorTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>In-process retries of a Bot Connector call (429 with a short Retry-After, 412, and safe transient failures).</summary>
    [Range(0, 10, ErrorMessage = "Teams:ConnectorRetries must be between 0 and 10.")]
    public int ConnectorRetries { get; set; } = 3;

    /// <summary>A 429 asking to wait longer than this goes back to the outbox, which waits durably.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Teams:MaxInlineRetryAfter must be between 0 and 1 minute, e.g. 00:00:05.")]
    public TimeSpan MaxInlineRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Signing keys are fetched again at least this often.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00", ErrorMessage = "Teams:SigningKeyRefreshInterval must be between 5 minutes and 24 hours (Microsoft asks for at least daily refreshes).")]
    public TimeSpan SigningKeyRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A token signed with an unknown key makes the keys be fetched again, at most this often.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00", ErrorMessage = "Teams:UnknownKeyRefreshInterval must be between 10 seconds and 1 hour, e.g. 00:05:00.")]
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Teams is wanted: by an AppId, or by the development switch (validated at start-up).</summary>
    public bool Requested => !string.IsNullOrWhiteSpace(AppId) || AllowUnauthenticated;

    /// <summary>No AppId: the development mode without tokens (only valid in Development; the validator says so).</summary>
    public bool Unauthenticated => string.IsNullOrWhiteSpace(AppId);

    public TeamsAppType ParsedAppType => Enum.TryParse<TeamsAppType>(AppType, ignoreCase: true, out var t) ? t : TeamsAppType.SingleTenant;

    public TeamsCloud ParsedCloud => Enum.TryParse<TeamsCloud>(Cloud, ignoreCase: true, out var c) ? c : TeamsCloud.Public;

    /// <summary>The endpoints in force: the cloud's defaults with any overrides applied.</summary>
    public TeamsEndpoints Endpoints
    {
        get
        {
            var defaults = TeamsEndpoints.For(ParsedCloud);
            return new TeamsEndpoints(
                OpenIdMetadataUrl.OrNull() ?? defaults.OpenIdMetadataUrl,
                ChannelIssuer.OrNull() ?? defaults.ChannelIssuer,
                (TokenAuthority.OrNull() ?? defaults.TokenAuthority).TrimEnd('/'),
                TokenScope.OrNull() ?? defaults.TokenScope,
                defaults.MultiTenantAuthorityTenant);
        }
    }

    /// <summary>The tenant segment of the token authority: the bot's home tenant, or the cloud's Bot Framework tenant for multi-tenant bots.</summary>
    public string AuthorityTenant => ParsedAppType == TeamsAppType.MultiTenant ? Endpoints.MultiTenantAuthorityTenant : TenantId ?? "";
}

public enum TeamsAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}

public enum TeamsCloud
{
    Public,
    USGov,
    China,
}

/// <summary>Where keys, issuers and tokens come from in one cloud.</summary>
public sealed record TeamsEndpoints(string OpenIdMetadataUrl, string ChannelIssuer, string TokenAuthority, string TokenScope, string MultiTenantAuthorityTenant)
{
    /// <summary>The defaults per cloud (Bot Framework and Agents SDK constants).</summary>
    public static TeamsEndpoints For(TeamsCloud cloud) => cloud switch
    {
        TeamsCloud.USGov => new(
            "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
            "https://api.botframework.us",
            "https://login.microsoftonline.us",
            "https://api.botframework.us/.default",
            "MicrosoftServices.onmicrosoft.us"),
        TeamsCloud.China => new(
            "https://login.botframework.azure.cn/v1/.well-known/openidconfiguration",
            "https://api.botframework.azure.cn",
            "https://login.partner.microsoftonline.cn",
            "https://api.botframework.azure.cn/.default",
            "microsoftservices.partner.onmschina.cn"),
        _ => new(
            "https://login.botframework.com/v1/.well-known/openidconfiguration",
            "https://api.botframework.com",
            "https://login.microsoftonline.com",
            "https://api.botframework.com/.default",
            "botframework.com"),
    };

    /// <summary>The managed-identity resource for the scope: the scope without "/.default".</summary>
    public string TokenResource => TokenScope.EndsWith("/.default", StringComparison.Ordinal) ? TokenScope[..^"/.default".Length] : TokenScope;
}

internal static class StringExtensions
{
    public static string? OrNull(this string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
