using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DeliberationBot.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

[assembly: HostingStartup(typeof(DeliberationBot.Host.Tests.Deployment.AppSettingsTests.RecordingStartup))]

namespace DeliberationBot.Host.Tests.Deployment;

/// <summary>
/// The template's app settings against the service itself: the service, started in Production with exactly those
/// settings (values standing in for Key Vault secrets and Azure names), passes its start-up validation, and reads
/// every one of them. A setting it ignores, or one it needs and the template forgot, fails here.
/// </summary>
public sealed partial class AppSettingsTests
{
    /// <summary>Read by App Service itself, not by the service.</summary>
    private static readonly HashSet<string> Platform = ["WEBSITE_RUN_FROM_PACKAGE"];

    [Fact]
    public void The_service_starts_in_production_with_exactly_the_template_settings_and_reads_every_one()
    {
        var settings = AzureTemplate.Main.AppSettings();
        var values = settings.Where(s => !Platform.Contains(s.Key)).ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => Stand_in_for(s.Key, s.Value));
        var recording = new RecordingSource(values);
        using var factory = new TemplateSettingsFactory(recording);

        factory.CreateClient().Dispose(); // throws if a setting the service requires is missing or wrong

        var unread = values.Keys.Where(key => !recording.Read.ContainsKey(key)).ToList();
        Assert.True(unread.Count == 0, "app settings the service never reads: " + string.Join(", ", unread));

        // The URLs the template hands out (Teams messaging endpoint, Slack request URL, OAuth callback) are served.
        var served = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToHashSet(StringComparer.Ordinal);
        var outputs = AzureTemplate.Main.Root.GetProperty("outputs").EnumerateObject().Select(o => o.Value.GetProperty("value").GetString()!)
            .Select(v => PathOfUrl().Match(v)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, outputs.Count);
        Assert.All(outputs, path => Assert.Contains(path, served));
    }

    /// <summary>A value the validators accept in place of what Azure and Key Vault would give.</summary>
    private static string Stand_in_for(string setting, string templateValue) => setting switch
    {
        _ when !ArmExpression.IsExpression(templateValue) && templateValue != "[inline]" => templateValue,
        "ConnectionStrings__Deliberations" => "Host=delibbot-pg-x.postgres.database.azure.com;Database=deliberations;Username=delibbot-id;SSL Mode=VerifyFull",
        "Privacy__PseudonymKey" => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        "DataProtection__Certificate" => SelfSignedPfx(),
        "Export__PublicBaseUrl" => "https://delibbot-x.azurewebsites.net",
        "Summaries__Provider" => "AzureOpenAI",
        "APPLICATIONINSIGHTS_CONNECTION_STRING" => "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/",
        "Storage__ManagedIdentityClientId" or "Teams__AppId" or "AzureOpenAI__ManagedIdentityClientId" => "11111111-1111-1111-1111-111111111111",
        "Teams__TenantId" => "22222222-2222-2222-2222-222222222222",
        "AzureOpenAI__Endpoint" => "https://delibbot-ai-x.openai.azure.com/",
        "AzureOpenAI__Deployment" => "gpt-4o-mini",
        "Slack__SigningSecret" => "signing-secret",
        "Slack__BotToken" => "xoxb-1-2-abc",
        "Slack__AppToken" => "xapp-1-A1-2-abc",
        "Slack__ClientId" => "1234.5678",
        "Slack__ClientSecret" => "client-secret",
        "Slack__RedirectUrl" => "https://delibbot-x.azurewebsites.net/api/slack/oauth/callback",
        _ => throw new InvalidOperationException($"The template sets {setting} = {templateValue}; give this test a value that stands in for it."),
    };

    [GeneratedRegex(@"^\[format\('https://\{0\}(/[^']+)'")]
    private static partial Regex PathOfUrl();

    private static string SelfSignedPfx()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=DeliberationBot key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pfx));
    }

    /// <summary>
    /// The service with only the given settings (plus where the flows are in this checkout), in Production, without
    /// its background services: nothing here may reach Azure, but every option is bound and validated.
    /// </summary>
    private sealed class TemplateSettingsFactory(RecordingSource settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Program reads some settings while it registers services, before the factory's own configuration applies;
            // a hosting startup adds the recording source while the builder is created, so those reads count too.
            RecordingStartup.Current.Value = settings;
            builder.UseSetting(WebHostDefaults.HostingStartupAssembliesKey, typeof(AppSettingsTests).Assembly.GetName().Name);
            builder.UseEnvironment("Production");
            builder.UseSetting("Flows:Directory", Repository.FlowsDirectory);
            builder.ConfigureServices(services =>
            {
                foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)).ToList())
                {
                    services.Remove(hosted);
                }
            });
        }
    }

    /// <summary>Adds the recording source of the factory being started, if any, as the builder is created.</summary>
    public sealed class RecordingStartup : IHostingStartup
    {
        /// <summary>Flows to the thread the factory runs Program on; only the factory of this test sets it.</summary>
        internal static AsyncLocal<RecordingSource?> Current { get; } = new();

        public void Configure(IWebHostBuilder builder)
        {
            if (Current.Value is { } source)
            {
                builder.ConfigureAppConfiguration(config => config.Add(source));
            }
        }
    }

    /// <summary>A configuration source that remembers every key the service looked up in it.</summary>
    internal sealed class RecordingSource(Dictionary<string, string> values) : IConfigurationSource
    {
        public ConcurrentDictionary<string, bool> Read { get; } = new(StringComparer.OrdinalIgnoreCase);

        public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this, values);

        private sealed class Provider(RecordingSource source, Dictionary<string, string> values) : ConfigurationProvider
        {
            public override void Load() => Data = new Dictionary<string, string?>(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)), StringComparer.OrdinalIgnoreCase);

            public override bool TryGet(string key, out string? value)
            {
                var found = base.TryGet(key, out value);
                if (found)
                {
                    source.Read[key] = true;
                }

                return found;
            }
        }
    }
}
