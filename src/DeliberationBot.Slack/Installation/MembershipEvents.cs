using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Inbound.Payloads;

namespace DeliberationBot.Slack.Installation;

/// <summary>
/// member_joined_channel for the bot, channel_left and group_left: the bot added to a channel, often again after it was
/// removed, sends what could not reach it; removed, it tells the facilitators of the deliberations open there at once
/// (<see cref="BotMembership"/>). In a public channel (channel_left) it still posts, with chat:write.public, but no
/// longer hears replies; in a private one (group_left) it can do neither.
/// </summary>
internal sealed class MembershipEvents(BotMembership membership, SlackLog log)
{
    public async Task<SlackAck> JoinedAsync(string teamId, string eventId, string? botUserId, string? user, string? channel, CancellationToken ct)
    {
        if (botUserId is null || user != botUserId || channel is null)
        {
            log.Ignored("event", "member_joined_channel of someone other than the bot");
            return SlackAck.Empty;
        }

        await membership.AddedToAsync(new ConversationRef(SlackChannel.Name, teamId, channel), DeliveryKeys.Event(eventId), ct);
        return SlackAck.Empty;
    }

    public async Task<SlackAck> LeftAsync(string teamId, string eventId, string? channel, bool stillPosts, CancellationToken ct)
    {
        var left = SlackPayload.Required(channel, "event channel");
        await membership.RemovedFromAsync(new ConversationRef(SlackChannel.Name, teamId, left), stillPosts, DeliveryKeys.Event(eventId), ct);
        return SlackAck.Empty;
    }
}
