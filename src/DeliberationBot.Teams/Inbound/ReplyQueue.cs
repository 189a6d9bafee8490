using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Privacy;

namespace DeliberationBot.Teams.Inbound;

/// <summary>
/// Sends a turn's replies through the outbox, so they are retried like every other message and a redelivered
/// activity cannot queue them twice (their own delivery key, derived from the turn's).
/// <para>Where they go: in a 1:1 chat, into that chat. In a channel or group chat, the answering flow (group and
/// question prompts, and every reply to an answering card) goes to the person's 1:1 chat with the bot, since a prompt
/// shows the person's answers and anonymity must hold (Core's <see cref="ReplyPrivacy"/>); everything else is a reply in the thread of the message that
/// asked.</para>
/// </summary>
internal sealed class ReplyQueue(ReplyOutbox outbox)
{
    public Task QueueAsync(Turn turn, IReadOnlyList<OutgoingMessage> replies, bool personalTurn, CancellationToken ct)
    {
        // Teams has no reply that only its reader sees in place (Slack's ephemeral one): a command typed in a channel or
        // group chat whose answer goes to the person's 1:1 chat says so where it was typed, without its content.
        if (!turn.Activity.IsPersonal && !personalTurn && replies.Any(ReplyPrivacy.IsForTheReaderAlone))
        {
            replies = [.. replies, new Confirmation(SentPrivately)];
        }

        return outbox.QueueAsync(turn.TenantId, turn.DeliveryKey, replies, message => Where(turn, message, personalTurn), ct);
    }

    /// <summary>Said in the thread where a command was typed when its answer went to the person's 1:1 chat.</summary>
    public const string SentPrivately = "I've sent it to you in our 1:1 chat.";

    /// <summary>Messages to post in a conversation outside any turn's replies (the install greeting), once per key.</summary>
    public Task QueueOnceAsync(string tenantId, string key, Destination destination, OutgoingMessage message, CancellationToken ct) =>
        outbox.QueueOnceAsync(tenantId, key, destination, message, ct);

    /// <summary>
    /// Where a reply goes, for the person who asked (its recipient): in a 1:1 chat, a reply to their message there; the
    /// answering flow, to their 1:1 chat; anything else, a reply in the thread of the message that asked.
    /// </summary>
    public static Destination Where(Turn turn, OutgoingMessage message, bool personalTurn)
    {
        var person = turn.Actor.User;
        if (turn.Activity.IsPersonal)
        {
            return new Destination(DeliveryMode.Conversation, turn.Home with { ThreadId = turn.Activity.Id }, person);
        }

        if (personalTurn || ReplyPrivacy.IsForTheReaderAlone(message))
        {
            return Destination.PrivatelyTo(turn.Home, person);
        }

        return new Destination(DeliveryMode.Conversation, turn.Here with { ThreadId = turn.Activity.Id }, person);
    }
}
