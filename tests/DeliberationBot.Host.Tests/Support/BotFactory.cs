using System.Collections.Concurrent;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Host.Tests.Support;

/// <summary>
/// The real service on Kestrel over loopback, with a fresh SQLite file and a recording "test" channel.
/// Extra settings override the defaults, e.g. to point at PostgreSQL or a broken flow folder.
/// </summary>
public sealed class BotFactory : ServiceFactory<Program>
{
    private readonly bool _driven;

    /// <param name="driven">
    /// Without the background outbox and scheduler workers: the test sends and runs jobs itself with
    /// <see cref="DeliverAsync"/> and <see cref="RunScheduledJobsAsync"/>, so nothing depends on how fast a worker runs.
    /// </param>
    public BotFactory(Dictionary<string, string?>? settings = null, RecordingChannel? channel = null, FakeTimeProvider? time = null, bool kestrel = true, bool driven = false)
        : base("deliberationbot-host-", time, new ListLoggerProvider(LogLevel.Error), kestrel: kestrel)
    {
        _driven = driven;
        Channel = channel ?? new RecordingChannel();
        if (driven)
        {
            Channel.DeliverWith(DeliverAsync);
        }

        Apply(DefaultSettings());
        Settings["Outbox:PollInterval"] = "00:00:00.200";
        Apply(settings);
    }

    public RecordingChannel Channel { get; }

    protected override bool KeepsHostLogging => true;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IChannelSender>(Channel);
        if (_driven)
        {
            services.WithoutOutboxWorker().WithoutScheduler().AddSingleton<SchedulerWorker>();
        }
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
}

/// <summary>
/// A channel that records what the outbox sent. With a driven factory, looking for a message first sends everything due
/// (an explicit trigger, so nothing depends on how fast a worker runs); otherwise it waits for the worker to send it.
/// </summary>
public sealed class RecordingChannel : IChannelSender
{
    private readonly ConcurrentQueue<OutboxItem> _sent = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private Func<Task<int>>? _deliver;
    private int _next;

    /// <summary>Has each look for a sent message first send what is due, with <paramref name="deliver"/>.</summary>
    public void DeliverWith(Func<Task<int>> deliver) => _deliver = deliver;

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
        if (_deliver is not null)
        {
            await _deliver();
            var sent = _sent.Where(match).ToList();
            return sent.Count >= count ? sent : throw new Xunit.Sdk.XunitException($"{sent.Count} sent message(s) match, not {count}, once everything due was sent.");
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (_sent.Count(match) < count)
        {
            await _arrived.WaitAsync(cts.Token);
        }

        return [.. _sent.Where(match)];
    }

    public async Task<OutboxItem> WaitForAsync(Func<OutboxItem, bool> match, TimeSpan? timeout = null)
    {
        if (_deliver is not null)
        {
            await _deliver();
            return _sent.FirstOrDefault(match) ?? throw new Xunit.Sdk.XunitException("No sent message matches, once everything due was sent.");
        }

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
