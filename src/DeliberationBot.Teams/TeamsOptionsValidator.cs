using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Teams;

/// <summary>
/// The rules that span settings (environment, credentials per app type, each cloud's endpoints with their overrides);
/// each field's own rules are data annotations on <see cref="TeamsOptions"/>. Fails start-up with messages that say
/// what to set and where to find it.
/// </summary>
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

        // An unknown app type is reported by its annotation; the credentials are then checked as for the first type.
        _ = Enum.TryParse<TeamsAppType>(options.AppType, ignoreCase: true, out var appType);
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
