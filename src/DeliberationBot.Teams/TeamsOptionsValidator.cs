using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Teams;

/// <summary>Fails start-up with messages that say what to set and where to find it.</summary>
internal sealed class TeamsOptionsValidator(IHostEnvironment environment) : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var errors = new List<string>();
        if (options.AllowUnauthenticated && !environment.IsDevelopment())
        {
            errors.Add($"Teams:AllowUnauthenticated is set, but the environment is '{environment.EnvironmentName}'. Unauthenticated activities are accepted " +
                "only in the Development environment. Remove Teams:AllowUnauthenticated and set Teams:AppId, Teams:AppPassword and Teams:TenantId " +
                "from the Azure Bot resource (Azure portal → Azure Bot → Configuration).");
        }

        if (options.AllowUnauthenticated && !options.Unauthenticated)
        {
            errors.Add("Teams:AllowUnauthenticated cannot be combined with Teams:AppId: with an AppId every request must carry a valid token. Remove one of them.");
        }

        if (!Enum.TryParse<TeamsAppType>(options.AppType, ignoreCase: true, out var appType))
        {
            errors.Add($"Teams:AppType must be SingleTenant, MultiTenant or UserAssignedMSI (it is '{options.AppType}'); it is the 'Type of App' of the Azure Bot resource.");
        }

        if (!Enum.TryParse<TeamsCloud>(options.Cloud, ignoreCase: true, out _))
        {
            errors.Add($"Teams:Cloud must be Public, USGov or China (it is '{options.Cloud}').");
        }

        if (!options.Unauthenticated)
        {
            ValidateCredentials(options, appType, errors);
        }

        var endpoints = options.Endpoints;
        CheckUrl("Teams:OpenIdMetadataUrl", endpoints.OpenIdMetadataUrl, allowLoopbackHttp: true, errors);
        CheckUrl("Teams:TokenAuthority", endpoints.TokenAuthority, allowLoopbackHttp: false, errors);
        if (!Uri.TryCreate(endpoints.ChannelIssuer, UriKind.Absolute, out _))
        {
            errors.Add($"Teams:ChannelIssuer must be an absolute URI such as https://api.botframework.com (it is '{endpoints.ChannelIssuer}').");
        }

        if (string.IsNullOrWhiteSpace(endpoints.TokenScope))
        {
            errors.Add("Teams:TokenScope must not be empty; leave it unset to use the cloud's default (e.g. https://api.botframework.com/.default).");
        }

        foreach (var host in options.ServiceUrlHosts.Where(h => Uri.CheckHostName(h) == UriHostNameType.Unknown))
        {
            errors.Add($"Teams:ServiceUrlHosts must hold host names such as smba.trafficmanager.net, not '{host}'.");
        }

        ValidateLimits(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateCredentials(TeamsOptions options, TeamsAppType appType, List<string> errors)
    {
        if (!Guid.TryParse(options.AppId, out _))
        {
            errors.Add($"Teams:AppId must be the Microsoft App ID (a GUID) of the Azure Bot resource (Azure portal → Azure Bot → Configuration); it is '{options.AppId}'.");
        }

        if (appType != TeamsAppType.UserAssignedMSI && string.IsNullOrWhiteSpace(options.AppPassword))
        {
            errors.Add("Teams:AppPassword is required when Teams:AppId is set: create a client secret under Azure portal → Azure Bot → Configuration → " +
                "Manage Password (Microsoft Entra ID → App registrations → Certificates & secrets) and put it in Teams:AppPassword, e.g. the environment variable Teams__AppPassword.");
        }

        if (appType == TeamsAppType.UserAssignedMSI && !string.IsNullOrWhiteSpace(options.AppPassword))
        {
            errors.Add("Teams:AppPassword must be empty with Teams:AppType=UserAssignedMSI: the managed identity needs no secret.");
        }

        if ((appType is TeamsAppType.SingleTenant or TeamsAppType.UserAssignedMSI) && string.IsNullOrWhiteSpace(options.TenantId))
        {
            errors.Add($"Teams:TenantId is required with Teams:AppType={appType}: set it to the bot's home tenant id (Azure portal → Azure Bot → Configuration → " +
                "App Tenant ID). A bot registered as multi-tenant before 31 July 2025 sets Teams:AppType=MultiTenant instead.");
        }
    }

    private static void ValidateLimits(TeamsOptions options, List<string> errors)
    {
        if (options.MaxBodyBytes is < 4096 or > 16 * 1024 * 1024)
        {
            errors.Add("Teams:MaxBodyBytes must be between 4096 and 16777216.");
        }

        if (options.ConnectorTimeout <= TimeSpan.Zero || options.ConnectorTimeout > TimeSpan.FromMinutes(2))
        {
            errors.Add("Teams:ConnectorTimeout must be between 0 and 2 minutes, e.g. 00:00:15.");
        }

        if (options.ConnectorRetries is < 0 or > 10)
        {
            errors.Add("Teams:ConnectorRetries must be between 0 and 10.");
        }

        if (options.MaxInlineRetryAfter < TimeSpan.Zero || options.MaxInlineRetryAfter > TimeSpan.FromMinutes(1))
        {
            errors.Add("Teams:MaxInlineRetryAfter must be between 0 and 1 minute, e.g. 00:00:05.");
        }

        if (options.SigningKeyRefreshInterval < TimeSpan.FromMinutes(5) || options.SigningKeyRefreshInterval > TimeSpan.FromHours(24))
        {
            errors.Add("Teams:SigningKeyRefreshInterval must be between 5 minutes and 24 hours (Microsoft asks for at least daily refreshes).");
        }

        if (options.UnknownKeyRefreshInterval < TimeSpan.FromSeconds(10) || options.UnknownKeyRefreshInterval > TimeSpan.FromHours(1))
        {
            errors.Add("Teams:UnknownKeyRefreshInterval must be between 10 seconds and 1 hour, e.g. 00:05:00.");
        }
    }

    private static void CheckUrl(string key, string value, bool allowLoopbackHttp, List<string> errors)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{key} must be an absolute https URL (it is '{value}').");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !(allowLoopbackHttp && Loopback.Is(uri)))
        {
            errors.Add(allowLoopbackHttp
                ? $"{key} must use https; plain http is allowed only for loopback addresses such as http://127.0.0.1 (it is '{value}')."
                : $"{key} must use https (MSAL refuses other authorities); for a local test authority serve https on 127.0.0.1 (it is '{value}').");
        }
    }
}

internal static class Loopback
{
    public static bool Is(Uri uri) =>
        uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
}
