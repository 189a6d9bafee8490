using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Slack.Inbound;

/// <summary>Which deliberation a Slack thread belongs to: the one whose card is the thread's parent message.</summary>
public interface ISlackThreadIndex
{
    Task<Guid?> FindDeliberationAsync(string teamId, string channelId, string threadTs, CancellationToken ct);
}

/// <summary>Looks the thread's parent up among the messages the outbox posted: a deliberation card's slot names its deliberation.</summary>
internal sealed class OutboxThreadIndex(IOutboxStore outbox) : ISlackThreadIndex
{
    public async Task<Guid?> FindDeliberationAsync(string teamId, string channelId, string threadTs, CancellationToken ct) =>
        Deliberation.FromCardSlot(await outbox.FindSlotAsync(teamId, channelId, threadTs, ct));
}
