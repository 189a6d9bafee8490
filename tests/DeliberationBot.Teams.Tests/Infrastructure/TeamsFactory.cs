using DeliberationBot.Teams.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>
/// The real service (DeliberationBot.Host's Program) on Kestrel over loopback, configured only through settings, with
/// two test seams: the clock (<see cref="TestClock"/>) and MSAL's HTTP handler, which trusts the certificate the fake
/// token endpoint was given. Its log lines are collected for checks on what an operator would see.
/// </summary>
internal sealed class TeamsFactory : ServiceFactory<Program>
{
    private readonly FakeBotFramework _fake;
    private readonly Action<IServiceCollection>? _services;

    public TeamsFactory(FakeBotFramework fake, IReadOnlyDictionary<string, string?> settings, string environment, Action<IServiceCollection>? services = null)
        : base("deliberationbot-teams-", new TestClock(), environment: environment)
    {
        _fake = fake;
        _services = services;
        Apply(settings);
    }

    public TestClock Clock => (TestClock)Time;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.WithoutScheduler();
        var thumbprint = _fake.Certificate.Thumbprint;
        services.AddHttpClient(MsalBotTokenProvider.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint });
        _services?.Invoke(services);
    }
}
