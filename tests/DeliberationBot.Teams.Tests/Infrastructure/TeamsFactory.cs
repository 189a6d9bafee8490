using DeliberationBot.Teams.Outbound;
using DeliberationBot.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>
/// The real service (DeliberationBot.Host's Program) on Kestrel over loopback, configured only through settings, with
/// two test seams: the clock (<see cref="TestClock"/>) and MSAL's HTTP handler, which trusts the certificate the fake
/// token endpoint was given. Its log lines are collected for checks on what an operator would see.
/// </summary>
internal sealed class TeamsFactory : WebApplicationFactory<Program>
{
    private readonly FakeBotFramework _fake;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;

    public TeamsFactory(FakeBotFramework fake, IReadOnlyDictionary<string, string?> settings, string environment, Action<IServiceCollection>? services = null)
    {
        _fake = fake;
        _settings = settings;
        _environment = environment;
        _services = services;
        UseKestrel(0);
    }

    public TestClock Clock { get; } = new();

    public ListLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // A null setting is one left out (configuration would read it as "").
        foreach (var (key, value) in _settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment(_environment);
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(Logs);
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.WithoutScheduler();
            var thumbprint = _fake.Certificate.Thumbprint;
            services.AddHttpClient(MsalBotTokenProvider.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint });
            _services?.Invoke(services);
        });
    }
}
