using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using DeliberationBot.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Core.Messaging;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Outbox:PollInterval must be between 50 ms and 1 hour, e.g. 00:00:05.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 500, ErrorMessage = "Outbox:BatchSize must be between 1 and 500.")]
    public int BatchSize { get; set; } = 20;

    [Range(1, 100, ErrorMessage = "Outbox:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// How many conversations of a batch are sent to at the same time. Each conversation's messages still go out one at
    /// a time, in the order they were queued; a reply need not wait behind another conversation's slow send. One at a
    /// time, an instance sends at most one message per platform round trip: with a connector answering in 50 ms, 18
    /// replies a second against 57 with eight (tests/DeliberationBot.Benchmarks/results/teams-vs-botbuilder.md).
    /// </summary>
    [Range(1, 64, ErrorMessage = "Outbox:ParallelConversations must be between 1 and 64.")]
    public int ParallelConversations { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Outbox:Lease must be between 5 seconds and 1 hour.")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5); // longer than a summary with its model retries takes
}

/// <summary>Sends what the outbox holds, with retries and back-off; one pass per call.</summary>
public sealed partial class OutboxDispatcher(
    IOutboxStore store,
    IEnumerable<IChannelSender> senders,
    IEnumerable<IOutgoingMessageRefresher> refreshers,
    DeliveryFailureNotices failures,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);
    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.OrdinalIgnoreCase);

    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// Sends one batch of due messages, conversations side by side and each conversation's messages in order; returns
    /// how many were handled.
    /// </summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var opts = options.Value;
        var batch = await store.ClaimDueAsync(InstanceId, opts.BatchSize, opts.Lease, ct);
        var paused = new ConcurrentDictionary<(string Channel, string Workspace), DateTimeOffset>();
        await Parallel.ForEachAsync(
            batch.GroupBy(item => SendOrder.Of(item.Message.Destination)),
            new ParallelOptions { MaxDegreeOfParallelism = opts.ParallelConversations },
            async (conversation, _) =>
            {
                var items = conversation.ToList();
                for (var i = 0; i < items.Count; i++)
                {
                    var item = items[i];
                    var channel = item.Message.Destination.Conversation.Channel;
                    if (paused.TryGetValue((channel, item.Message.WorkspaceId), out var until))
                    {
                        // The platform asked this workspace to wait: the rest of the batch is put back untried, attempts unspent.
                        await store.PutBackUntriedAsync(item.Message.Id, InstanceId, until, CancellationToken.None);
                        continue;
                    }

                    if (await SendOneAsync(item, channel, opts, ct) is var (pauseUntil, pace))
                    {
                        paused[(channel, item.Message.WorkspaceId)] = pauseUntil;
                        // What else of the workspace is due waits too, so that claims until then pass it by instead of
                        // taking it only to put it back (a burst of owners' notices would otherwise go round every turn).
                        // The rest of this conversation's batch (one conversation is one workspace) goes back with it, in
                        // its place: put back on its own, all of it would be due at the end of the wait, and claimed again
                        // only to be put back again.
                        var untried = items[(i + 1)..].Select(rest => rest.Message.Id).ToList();
                        await store.PutBackWorkspaceAsync(channel, item.Message.WorkspaceId, pauseUntil, pace, InstanceId, untried, CancellationToken.None);
                        break;
                    }
                }
            });

        return batch.Count;
    }

    /// <summary>
    /// Sends one message and records the outcome; returns when its workspace must pause, if it must, and how far apart
    /// its messages may go after that (zero when the platform does not say).
    /// </summary>
    private async Task<(DateTimeOffset Until, TimeSpan Pace)?> SendOneAsync(OutboxItem item, string channel, OutboxOptions opts, CancellationToken ct)
    {
        var message = item.Message;
        using var span = StartSendSpan(item, channel);
        if (!_senders.TryGetValue(channel, out var sender))
        {
            LogNoSender(message.Id, channel);
            await store.MarkFailedAsync(message.Id, $"channel '{channel}' is not enabled", ct);
            Outcome(span, channel, "failed");
            return null;
        }

        SendResult result;
        var untried = false;
        try
        {
            var deferral = sender.DeferralBeforeSending(item);
            untried = deferral is not null;
            result = deferral ?? await RefreshAndSendAsync(item, sender, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A bug or an unexpected transport failure in a sender: retry like any transient failure.
            LogSenderThrew(e, message.Id, channel);
            result = SendResult.Retry(e.GetType().Name + ": " + e.Message);
        }

        // What the platform answered is recorded even while the service is stopping: a message it accepted must never
        // be left looking unsent, or the next instance would send it again.
        switch (result.Status)
        {
            case SendStatus.Delivered:
                await store.MarkDeliveredAsync(message, result.Posted, CancellationToken.None);
                Outcome(span, channel, "delivered");
                return null;
            case SendStatus.Deferred:
                // Put back before any sender had it, it is as if never claimed: later notices may still gather into it.
                // A sender may have posted some parts of a long message before the platform asked it to wait.
                var until = time.GetUtcNow() + (result.RetryAfter ?? TimeSpan.FromSeconds(1));
                LogDeferred(channel, message.WorkspaceId, until, result.Error);
                await (untried
                    ? store.PutBackUntriedAsync(message.Id, InstanceId, until, CancellationToken.None)
                    : store.MarkDeferredAsync(message.Id, until, CancellationToken.None));
                signal.NotifyAt(until);
                Outcome(span, channel, "deferred");
                return result.PausesWorkspace ? (until, result.Pace ?? TimeSpan.Zero) : null;
            case SendStatus.RetryLater when item.Attempt < opts.MaxAttempts:
                var wait = result.RetryAfter ?? Backoff(item.Attempt);
                LogRetry(message.Id, channel, item.Attempt, wait, result.Error);
                var retryAt = time.GetUtcNow() + wait;
                await store.MarkRetryAsync(message.Id, retryAt, result.Error ?? "retry", CancellationToken.None);
                signal.NotifyAt(retryAt); // tried again when its back-off ends, not at the next poll after it
                Outcome(span, channel, "retry");
                return null;
            default:
                LogFailed(message.Id, channel, item.Attempt, result.Error);
                await store.MarkFailedAsync(message.Id, result.Error ?? "failed", CancellationToken.None);
                await failures.ReportAsync(message, result.Error ?? "failed", CancellationToken.None);
                signal.Notify();
                Outcome(span, channel, "failed");
                return null;
        }
    }

    /// <summary>Brings the message up to date (a refresher may read a whole deliberation), then sends it.</summary>
    private async Task<SendResult> RefreshAndSendAsync(OutboxItem item, IChannelSender sender, CancellationToken ct)
    {
        foreach (var refresher in refreshers)
        {
            item = item with { Message = item.Message with { Message = await refresher.RefreshAsync(item.Message, ct) } };
        }

        return await sender.SendAsync(item, ct);
    }

    /// <summary>The send continues the trace of the request whose commit queued the message, when it was traced.</summary>
    private static Activity? StartSendSpan(OutboxItem item, string channel)
    {
        ActivityContext.TryParse(item.TraceParent, null, out var parent);
        var span = BotTelemetry.Source.StartActivity("outbox send", ActivityKind.Internal, parent);
        span?.SetTag("deliberationbot.channel", channel);
        span?.SetTag("deliberationbot.message.type", item.Message.Message.GetType().Name);
        span?.SetTag("deliberationbot.outbox.attempt", item.Attempt);
        return span;
    }

    private static void Outcome(Activity? span, string channel, string outcome)
    {
        span?.SetTag("deliberationbot.outbox.outcome", outcome);
        if (outcome != "delivered")
        {
            span?.SetStatus(ActivityStatusCode.Error);
        }

        BotTelemetry.RecordSend(channel, outcome);
    }

    /// <summary>Exponential back-off with jitter: 2 s, 4 s, 8 s … capped at 10 minutes.</summary>
    internal static TimeSpan Backoff(int attempt)
    {
        var seconds = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Clamp(attempt, 1, 20)));
        return TimeSpan.FromSeconds(seconds * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} is for channel {Channel}, which is not enabled; it will not be sent")]
    private partial void LogNoSender(Guid messageId, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sender for {Channel} threw while sending outbox message {MessageId}")]
    private partial void LogSenderThrew(Exception e, Guid messageId, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} asked workspace {WorkspaceId} to wait ({Reason}); its messages go on at {Until}, no attempt spent")]
    private partial void LogDeferred(string channel, string workspaceId, DateTimeOffset until, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} to {Channel} will be retried (attempt {Attempt}) in {Wait}: {Error}")]
    private partial void LogRetry(Guid messageId, string channel, int attempt, TimeSpan wait, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} to {Channel} failed after {Attempt} attempt(s): {Error}")]
    private partial void LogFailed(Guid messageId, string channel, int attempt, string? error);
}
