using DeliberationBot.Core.Deliberations;

namespace DeliberationBot.Core.Messaging;

/// <summary>
/// Queues a message its channel already knows must wait (the platform has made the workspace wait) for when the wait
/// ends, instead of as due now. Due now, the outbox would claim it only to put it back, again with every message queued
/// while the wait lasts; queued for later, it is not touched until then, and notices to one person that queue up
/// meanwhile are gathered into the first when it is claimed. A slot's message is left due: whether it is posted or
/// updated, and so which wait applies, is known only when it is sent.
/// </summary>
public sealed class OutboxPacing(IEnumerable<IChannelSender> senders, TimeProvider time)
{
    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.OrdinalIgnoreCase);

    public Commit Pace(Commit commit) =>
        commit.Outbox.Count == 0 ? commit : commit with { Outbox = [.. commit.Outbox.Select(Pace)] };

    public OutboxMessage Pace(OutboxMessage message)
    {
        if (message.SlotKey is not null || !_senders.TryGetValue(message.Destination.Conversation.Channel, out var sender))
        {
            return message;
        }

        return sender.DeferralBeforeSending(new OutboxItem(message, 1, null)) is { Status: SendStatus.Deferred, RetryAfter: { } wait }
            ? message with { NotBefore = time.GetUtcNow() + wait }
            : message;
    }
}
