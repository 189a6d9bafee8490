using System.Collections.Concurrent;
using System.Security.Cryptography;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Scheduling;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Host.Tests.Support;

/// <summary>
/// The real service on Kestrel over loopback, with a fresh SQLite file and a recording "test" channel.
/// Extra settings override the defaults, e.g. to point at PostgreSQL or a broken flow folder.
/// </summary>
public sealed class BotFactory : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("deliberationbot-host-");
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _driven;

    /// <param name="driven">
    /// Without the background outbox and scheduler workers: the test sends and runs jobs itself with
    /// <see cref="DeliverAsync"/> and <see cref="RunScheduledJobsAsync"/>, so nothing depends on how fast a worker runs.
    /// </param>
    public BotFactory(Dictionary<string, string?>? settings = null, RecordingChannel? channel = null, FakeTimeProvider? time = null, bool kestrel = true, bool driven = false)
    {
        _driven = driven;
        Channel = channel ?? new RecordingChannel();
        Time = time ?? new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = Path.Combine(_folder.FullName, "bot.db"),
            ["Privacy:PseudonymKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Flows:Directory"] = Repository.FlowsDirectory,
            ["Outbox:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }

        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public RecordingChannel Channel { get; }

    /// <summary>Every exception the host logged, e.g. why start-up failed.</summary>
    public ExceptionLog Log { get; } = new();

    /// <summary>The service's clock; by default it starts at the real time so ASP.NET Data Protection's own expiry checks agree.</summary>
    public FakeTimeProvider Time { get; }

    public string Folder => _folder.FullName;

    /// <summary>What the container was built from, for the test that resolves every registration.</summary>
    public IReadOnlyList<ServiceDescriptor> Registrations { get; private set; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Production");
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IChannelSender>(Channel);
            services.AddSingleton<TimeProvider>(Time);
            if (_driven)
            {
                foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && (d.ImplementationType == typeof(OutboxWorker) || d.ImplementationType == typeof(SchedulerWorker))).ToList())
                {
                    services.Remove(worker);
                }

                services.AddSingleton<SchedulerWorker>();
            }

            Registrations = [.. services];
        });
    }

    /// <summary>Sends everything due now, as the outbox worker would, and returns how many messages were handled.</summary>
    public async Task<int> DeliverAsync()
    {
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        var total = 0;
        for (var handled = await dispatcher.DispatchDueAsync(default); handled > 0; handled = await dispatcher.DispatchDueAsync(default))
        {
            total += handled;
        }

        return total;
    }

    /// <summary>Runs every scheduled job once, each under its lease as the scheduler would (a driven factory only).</summary>
    public async Task RunScheduledJobsAsync()
    {
        var scheduler = Services.GetRequiredService<SchedulerWorker>();
        foreach (var job in Services.GetServices<IScheduledJob>())
        {
            await scheduler.RunOnceAsync(job, default);
        }
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

/// <summary>A channel that records what the outbox sent, and lets a test wait for a message without sleeping.</summary>
public sealed class RecordingChannel : IChannelSender
{
    private readonly ConcurrentQueue<OutboxItem> _sent = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _next;

    public string Channel => "test";

    public IReadOnlyCollection<OutboxItem> Sent => _sent;

    public Task<SendResult> SendAsync(OutboxItem item, CancellationToken ct)
    {
        _sent.Enqueue(item);
        _arrived.Release();
        var posted = item.PreviouslyPosted ?? new PostedMessage(item.Message.Destination.Conversation.ConversationId, $"m{Interlocked.Increment(ref _next)}");
        return Task.FromResult(SendResult.Delivered(posted));
    }

    /// <summary>Waits until <paramref name="count"/> sent messages match, and returns them.</summary>
    public async Task<IReadOnlyList<OutboxItem>> WaitForCountAsync(Func<OutboxItem, bool> match, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (_sent.Count(match) < count)
        {
            await _arrived.WaitAsync(cts.Token);
        }

        return [.. _sent.Where(match)];
    }

    public async Task<OutboxItem> WaitForAsync(Func<OutboxItem, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (_sent.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await _arrived.WaitAsync(cts.Token);
        }
    }
}

public static class Repository
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

/// <summary>Keeps the exceptions the host logs, so a test can read why start-up failed whatever the factory then throws.</summary>
public sealed class ExceptionLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Exception> _exceptions = new();

    public IEnumerable<Exception> Exceptions => _exceptions;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(ExceptionLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
            {
                log._exceptions.Enqueue(exception);
            }
        }
    }
}
