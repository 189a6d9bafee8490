using System.Security.Cryptography;
using DeliberationBot.Core.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using DeliberationBot.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>
/// The real service (Program: Core, Storage on a fresh SQLite file, the outbox worker, Slack) on Kestrel over loopback,
/// talking to a <see cref="FakeSlackApi"/>. Time is a FakeTimeProvider that starts at the real time, because ASP.NET
/// Data Protection checks real time. The outbox store is the real one, observed so tests can wait for it to settle.
/// </summary>
internal sealed class SlackFactory : WebApplicationFactory<Program>
{
    public const string Secret = "test-signing-secret";
    public const string BotToken = "xoxb-test-token";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("deliberationbot-slack-");
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="kestrel">
    /// Serve over loopback HTTP (the default). Tests of start-up failures pass false: with Kestrel, the factory's own
    /// port lookup after a failed start can hide the start-up exception behind an ObjectDisposedException.
    /// </param>
    public SlackFactory(string apiBaseUrl, Action<Dictionary<string, string?>>? settings = null, Action<IServiceCollection>? services = null, bool kestrel = true)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = DatabasePath,
            ["Privacy:PseudonymKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Flows:Directory"] = Repository.FlowsDirectory,
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = BotToken,
            ["Slack:ApiBaseUrl"] = apiBaseUrl,
            ["Slack:TransientRetryDelay"] = "00:00:00",
            ["Slack:PaceCalls"] = "false", // tests that send a lot on a clock that stands still; ExactlyOnceTests paces
        };
        settings?.Invoke(_settings);
        _services = services;
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public string DatabasePath => Path.Combine(_folder.FullName, "bot.db");

    /// <summary>The PostgreSQL database the service uses, when a test's settings chose PostgreSQL.</summary>
    public string? PostgresConnectionString =>
        string.Equals(_settings["Storage:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase) ? _settings["ConnectionStrings:Deliberations"] : null;

    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    public ListLoggerProvider Logs { get; } = new();

    public OutboxChanges OutboxChanges { get; } = new();

    /// <summary>What the container was built from, for the test that resolves every registration.</summary>
    public IReadOnlyList<ServiceDescriptor> Registrations { get; private set; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Production");
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(Logs);
            logging.AddFilter<ListLoggerProvider>(null, LogLevel.Debug);
        });
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.WithoutScheduler();
            Observe(services);
            _services?.Invoke(services);
            Registrations = [.. services];
        });
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

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background task; the OS temp cleaner gets it.
        }
    }
}

internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string FlowsDirectory => Path.Combine(Root, "prompts", "flows");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeliberationBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DeliberationBot.sln not found above " + AppContext.BaseDirectory);
    }
}
