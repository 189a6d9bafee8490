using DeliberationBot.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>
/// The real service (Program: Core, Storage on a fresh SQLite file, the outbox worker, Slack) on Kestrel over loopback,
/// talking to a <see cref="FakeSlackApi"/>. Time is a FakeTimeProvider that starts at the real time, because ASP.NET
/// Data Protection checks real time. The outbox store is the real one, observed so tests can wait for it to settle.
/// </summary>
internal sealed class SlackFactory : ServiceFactory<Program>
{
    public const string Secret = "test-signing-secret";
    public const string BotToken = "xoxb-test-token";

    private readonly Action<IServiceCollection>? _services;

    /// <param name="kestrel">
    /// Serve over loopback HTTP (the default). Tests of start-up failures pass false: with Kestrel, the factory's own
    /// port lookup after a failed start can hide the start-up exception behind an ObjectDisposedException.
    /// </param>
    public SlackFactory(string apiBaseUrl, Action<Dictionary<string, string?>>? settings = null, Action<IServiceCollection>? services = null, bool kestrel = true)
        : base("deliberationbot-slack-", kestrel: kestrel)
    {
        Apply(DefaultSettings());
        Apply(new Dictionary<string, string?>
        {
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = BotToken,
            ["Slack:ApiBaseUrl"] = apiBaseUrl,
            ["Slack:TransientRetryDelay"] = "00:00:00",
            ["Slack:PaceCalls"] = "false", // tests that send a lot on a clock that stands still; ExactlyOnceTests paces
        });
        settings?.Invoke(Settings);
        _services = services;
    }

    public OutboxChanges OutboxChanges { get; } = new();

    protected override void ConfigureLogging(ILoggingBuilder logging) => logging.AddFilter<ListLoggerProvider>(null, LogLevel.Debug);

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.WithoutScheduler();
        Observe(services);
        _services?.Invoke(services);
    }

    /// <summary>Wraps the real outbox store so that every claim and every mark wakes tests waiting for the outbox.</summary>
    private void Observe(IServiceCollection services)
    {
        var real = services.Last(d => d.ServiceType == typeof(IOutboxStore));
        services.Remove(real);
        services.AddSingleton<IOutboxStore>(sp => new ObservedOutboxStore(
            (IOutboxStore)(real.ImplementationInstance ?? real.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)),
            OutboxChanges));
    }
}
