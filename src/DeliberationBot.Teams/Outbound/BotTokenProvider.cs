using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace DeliberationBot.Teams.Outbound;

/// <summary>The bearer token for Bot Connector calls; null when the bot runs without an App ID (local development).</summary>
internal interface IBotTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken ct);
}

/// <summary>
/// Tokens from MSAL: one long-lived confidential client (client credentials, cached by MSAL until shortly before they
/// expire) against the cloud's authority and the bot's home tenant (or the Bot Framework tenant for multi-tenant
/// bots), or a user-assigned managed identity. MSAL's HTTP goes through <see cref="IHttpClientFactory"/>.
/// </summary>
internal sealed class MsalBotTokenProvider : IBotTokenProvider
{
    public const string HttpClientName = "teams-msal";

    private static readonly HashSet<string> KnownAuthorityHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "login.microsoftonline.com", "login.microsoftonline.us", "login.partner.microsoftonline.cn", "login.chinacloudapi.cn",
    };

    private readonly Lazy<Func<CancellationToken, Task<string?>>> _acquire;

    public MsalBotTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpFactory)
    {
        _acquire = new(() => Build(options.Value, new MsalHttp(httpFactory)));
    }

    public Task<string?> GetTokenAsync(CancellationToken ct) => _acquire.Value(ct);

    private static Func<CancellationToken, Task<string?>> Build(TeamsOptions options, IMsalHttpClientFactory http)
    {
        var endpoints = options.Endpoints;
        if (options.Unauthenticated)
        {
            return _ => Task.FromResult<string?>(null); // no App ID: the connector (the Playground) is called without a token
        }

        if (options.ParsedAppType == TeamsAppType.UserAssignedMSI)
        {
            var msi = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(options.AppId!))
                .WithHttpClientFactory(http)
                .Build();
            return async ct => (await msi.AcquireTokenForManagedIdentity(endpoints.TokenResource).ExecuteAsync(ct)).AccessToken;
        }

        var authority = new Uri($"{endpoints.TokenAuthority}/{Uri.EscapeDataString(options.AuthorityTenant)}");
        var known = KnownAuthorityHosts.Contains(authority.Host);
        var app = ConfidentialClientApplicationBuilder.Create(options.AppId)
            .WithClientSecret(options.AppPassword)
            .WithAuthority(authority.ToString(), validateAuthority: known)
            .WithInstanceDiscovery(known)
            .WithHttpClientFactory(http)
            .Build();
        string[] scopes = [endpoints.TokenScope];
        return async ct => (await app.AcquireTokenForClient(scopes).ExecuteAsync(ct)).AccessToken;
    }

    private sealed class MsalHttp(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
    }
}
