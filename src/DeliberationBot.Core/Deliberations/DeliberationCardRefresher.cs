using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// Rebuilds a deliberation card from current state just before it is sent, so that concurrent answers, each queuing
/// its own card update, always end with a card that counts all of them.
/// </summary>
public sealed class DeliberationCardRefresher(IDeliberationStore store, FlowResolver flows) : IOutgoingMessageRefresher
{
    public Task<OutgoingMessage> RefreshAsync(OutboxMessage message, CancellationToken ct) =>
        DeliberationRefresh.RebuildAsync<DeliberationCard>(store, message, card => card.DeliberationId, async (_, deliberation) =>
        {
            var flow = await flows.ForAsync(deliberation, ct);
            return Overview.Card(deliberation, flow, await store.TallyAsync(message.WorkspaceId, deliberation.Id, ct));
        }, ct);
}
