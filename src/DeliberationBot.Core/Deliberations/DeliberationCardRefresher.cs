using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// Rebuilds a deliberation card from current state just before it is sent, so that concurrent answers, each queuing
/// its own card update, always end with a card that counts all of them.
/// </summary>
public sealed class DeliberationCardRefresher(IDeliberationStore store, FlowResolver flows) : IOutgoingMessageRefresher
{
    public async Task<OutgoingMessage> RefreshAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.Message is not DeliberationCard card)
        {
            return message.Message;
        }

        var deliberation = await store.FindAsync(message.WorkspaceId, card.DeliberationId, ct);
        if (deliberation is null)
        {
            return card;
        }

        var flow = await flows.ForAsync(deliberation, ct);
        var participants = await store.ListParticipantsAsync(message.WorkspaceId, deliberation.Id, ct);
        var answers = await store.ListAnswersAsync(message.WorkspaceId, deliberation.Id, ct);
        return Overview.Card(deliberation, flow, participants, answers);
    }
}
