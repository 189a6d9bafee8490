using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>A signal raised whenever the outbox changes (a claim, a delivery, a retry, a failure).</summary>
internal sealed class OutboxChanges
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next { get { lock (_lock) { return _next.Task; } } }

    public void Notify()
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            done = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.SetResult();
    }
}

/// <summary>The real outbox store, forwarding every call and announcing each change once it is written.</summary>
internal sealed class ObservedOutboxStore(IOutboxStore inner, OutboxChanges changes) : IOutboxStore
{
    public async Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string instanceId, int max, TimeSpan lease, CancellationToken ct)
    {
        var claimed = await inner.ClaimDueAsync(instanceId, max, lease, ct);
        changes.Notify();
        return claimed;
    }

    public async Task MarkDeliveredAsync(OutboxMessage message, PostedMessage? posted, CancellationToken ct)
    {
        await inner.MarkDeliveredAsync(message, posted, ct);
        changes.Notify();
    }

    public async Task MarkRetryAsync(Guid id, DateTimeOffset notBefore, string error, CancellationToken ct)
    {
        await inner.MarkRetryAsync(id, notBefore, error, ct);
        changes.Notify();
    }

    public async Task MarkFailedAsync(Guid id, string error, CancellationToken ct)
    {
        await inner.MarkFailedAsync(id, error, ct);
        changes.Notify();
    }

    public async Task MarkDeferredAsync(Guid id, DateTimeOffset notBefore, CancellationToken ct)
    {
        await inner.MarkDeferredAsync(id, notBefore, ct);
        changes.Notify();
    }

    public async Task PutBackUntriedAsync(Guid id, string instanceId, DateTimeOffset notBefore, CancellationToken ct)
    {
        await inner.PutBackUntriedAsync(id, instanceId, notBefore, ct);
        changes.Notify();
    }

    public async Task<int> PutBackWorkspaceAsync(
        string channel, string workspaceId, DateTimeOffset notBefore, TimeSpan pace, string instanceId, IReadOnlyList<Guid> untried, CancellationToken ct)
    {
        var putBack = await inner.PutBackWorkspaceAsync(channel, workspaceId, notBefore, pace, instanceId, untried, ct);
        changes.Notify();
        return putBack;
    }

    public async Task<int> RetryFailedAsync(string? workspaceId, string? conversationId, CancellationToken ct)
    {
        var retried = await inner.RetryFailedAsync(workspaceId, conversationId, ct);
        changes.Notify();
        return retried;
    }

    public Task<int> CountPendingAsync(CancellationToken ct) => inner.CountPendingAsync(ct);

    public Task<string?> FindSlotAsync(string workspaceId, string conversationId, string messageId, CancellationToken ct) =>
        inner.FindSlotAsync(workspaceId, conversationId, messageId, ct);

    public Task<PostedMessage?> FindPostedAsync(string workspaceId, string key, CancellationToken ct) => inner.FindPostedAsync(workspaceId, key, ct);

    public Task RecordPostedAsync(string workspaceId, string key, PostedMessage posted, CancellationToken ct) => inner.RecordPostedAsync(workspaceId, key, posted, ct);
}
