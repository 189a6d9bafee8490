using DeliberationBot.Core.Deliberations;

namespace DeliberationBot.Core.Messaging;

/// <summary>
/// Sends a turn's replies through the outbox, for replies that cannot go back in the platform's response: written
/// before the platform is acknowledged, retried like every other message, and queued once even when the platform
/// delivers the turn again (each reply's key derives from the turn's delivery key).
/// </summary>
public sealed class ReplyOutbox(IDeliberationStore store, OutboxSignal signal, TimeProvider time)
{
    public async Task QueueAsync(
        string workspaceId, string deliveryKey, IReadOnlyList<OutgoingMessage> replies, Func<OutgoingMessage, Destination> destination, CancellationToken ct)
    {
        if (replies.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        // One millisecond apart, so the outbox (which sends oldest first) keeps their order.
        var outbox = replies.Select((message, i) => new OutboxMessage(
            Guid.CreateVersion7(now), workspaceId, $"{deliveryKey}/reply/{i}", destination(message), message, now.AddMilliseconds(i))).ToList();
        await CommitAsync(new Commit(workspaceId, RepliesKey(deliveryKey)) { Outbox = outbox }, ct);
    }

    /// <summary>Whether a turn's replies were already queued (a platform delivered the turn again).</summary>
    public Task<bool> WereQueuedAsync(string workspaceId, string deliveryKey, CancellationToken ct) =>
        store.WasDeliveredAsync(workspaceId, RepliesKey(deliveryKey), ct);

    /// <summary>A message to post outside any turn's replies (e.g. a greeting when the bot is added), queued once per key.</summary>
    public async Task QueueOnceAsync(string workspaceId, string key, Destination destination, OutgoingMessage message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var queued = new OutboxMessage(Guid.CreateVersion7(now), workspaceId, key, destination, message, now);
        await CommitAsync(new Commit(workspaceId, key) { Outbox = [queued] }, ct);
    }

    /// <summary>
    /// Replies for the person alone, in their direct messages: e.g. a review of their answers too long for the window
    /// they pressed a button in.
    /// </summary>
    public async Task QueuePrivatelyAsync(Actor actor, Guid deliberationId, string deliveryKey, IReadOnlyList<OutgoingMessage> replies, CancellationToken ct)
    {
        var d = await store.FindAsync(actor.WorkspaceId, deliberationId, ct)
            ?? throw new InvalidOperationException($"Deliberation {deliberationId} is not in workspace {actor.WorkspaceId}.");
        await QueueAsync(actor.WorkspaceId, deliveryKey, replies, _ => Destination.PrivatelyTo(d.Home, actor.User), ct);
    }

    private static string RepliesKey(string deliveryKey) => deliveryKey + "/replies";

    private async Task CommitAsync(Commit commit, CancellationToken ct)
    {
        if (await store.CommitAsync(commit, ct) == CommitOutcome.Committed)
        {
            signal.Notify();
        }
    }
}
