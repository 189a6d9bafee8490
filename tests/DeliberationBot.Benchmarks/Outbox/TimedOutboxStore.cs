using System.Diagnostics;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Benchmarks.Outbox;

/// <summary>The real outbox store, with the time spent claiming and recording outcomes added up.</summary>
internal sealed class TimedOutboxStore(IOutboxStore inner) : IOutboxStore
{
    private readonly Stopwatch _claiming = new();
    private readonly Stopwatch _marking = new();

    public TimeSpan Claiming => _claiming.Elapsed;

    public TimeSpan Marking => _marking.Elapsed;

    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string instanceId, int max, TimeSpan lease, CancellationToken ct) =>
        TimeAsync(_claiming, () => inner.ClaimDueAsync(instanceId, max, lease, ct));

    public Task MarkDeliveredAsync(OutboxMessage message, PostedMessage? posted, CancellationToken ct) =>
        TimeAsync(_marking, async () => { await inner.MarkDeliveredAsync(message, posted, ct); return true; });

    public Task MarkRetryAsync(Guid id, DateTimeOffset notBefore, string error, CancellationToken ct) => inner.MarkRetryAsync(id, notBefore, error, ct);

    public Task MarkFailedAsync(Guid id, string error, CancellationToken ct) => inner.MarkFailedAsync(id, error, ct);

    public Task MarkDeferredAsync(Guid id, DateTimeOffset notBefore, CancellationToken ct) => inner.MarkDeferredAsync(id, notBefore, ct);

    public Task PutBackUntriedAsync(Guid id, string instanceId, DateTimeOffset notBefore, CancellationToken ct) =>
        inner.PutBackUntriedAsync(id, instanceId, notBefore, ct);

    public Task<int> PutBackWorkspaceAsync(
        string channel, string workspaceId, DateTimeOffset notBefore, TimeSpan pace, string instanceId, IReadOnlyList<Guid> untried, CancellationToken ct) =>
        inner.PutBackWorkspaceAsync(channel, workspaceId, notBefore, pace, instanceId, untried, ct);

    public Task<int> RetryFailedAsync(string? workspaceId, string? conversationId, CancellationToken ct) => inner.RetryFailedAsync(workspaceId, conversationId, ct);

    public Task<int> CountPendingAsync(CancellationToken ct) => inner.CountPendingAsync(ct);

    public Task<string?> FindSlotAsync(string workspaceId, string conversationId, string messageId, CancellationToken ct) =>
        inner.FindSlotAsync(workspaceId, conversationId, messageId, ct);

    public Task<PostedMessage?> FindPostedAsync(string workspaceId, string key, CancellationToken ct) => inner.FindPostedAsync(workspaceId, key, ct);

    public Task RecordPostedAsync(string workspaceId, string key, PostedMessage posted, CancellationToken ct) => inner.RecordPostedAsync(workspaceId, key, posted, ct);

    private static async Task<T> TimeAsync<T>(Stopwatch watch, Func<Task<T>> call)
    {
        // The dispatcher calls the store one call at a time, so one stopwatch per kind of call is enough.
        watch.Start();
        try
        {
            return await call();
        }
        finally
        {
            watch.Stop();
        }
    }
}
