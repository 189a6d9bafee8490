using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// Which deliberation a platform thread belongs to: the one whose card is the thread's parent message, as recorded
/// when the outbox posted it. Lets a channel route a reply in that thread without reading the outbox itself.
/// </summary>
public sealed class CardThreads(IOutboxStore outbox)
{
    public async Task<Guid?> FindDeliberationAsync(string workspaceId, string conversationId, string parentMessageId, CancellationToken ct) =>
        Deliberation.FromCardSlot(await outbox.FindSlotAsync(workspaceId, conversationId, parentMessageId, ct));
}
