using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Deliberations;

/// <summary>What every refresher of a message about one deliberation shares (see <see cref="IOutgoingMessageRefresher"/>).</summary>
public static class DeliberationRefresh
{
    /// <summary>
    /// The message rebuilt from its deliberation as it is now stored, when it is a <typeparamref name="T"/>; any other
    /// message, or one whose deliberation is gone, is sent as it was queued.
    /// </summary>
    public static async Task<OutgoingMessage> RebuildAsync<T>(
        IDeliberationStore store, OutboxMessage message, Func<T, Guid> deliberationOf, Func<T, Deliberation, Task<OutgoingMessage>> rebuild, CancellationToken ct)
        where T : OutgoingMessage =>
        message.Message is T queued && await store.FindAsync(message.WorkspaceId, deliberationOf(queued), ct) is { } deliberation
            ? await rebuild(queued, deliberation)
            : message.Message;
}
