using System.Text.Json.Nodes;
using DeliberationBot.Teams.Installation;

namespace DeliberationBot.Teams.Outbound;

/// <summary>
/// The addressing Bot Framework clients expect on an activity the bot sends (protocols.md C): the conversation, the
/// bot as "from" (its id and name there), the person it is for as "recipient" when there is one, and "replyToId" when
/// it answers an activity.
/// </summary>
internal sealed record ActivityEnvelope(string ConversationId, string? ConversationType, string TenantId, string BotId, string BotName, TeamsUser? Recipient, string? ReplyToId)
{
    public JsonObject Apply(JsonObject activity)
    {
        var conversation = new JsonObject { ["id"] = ConversationId, ["tenantId"] = TenantId };
        if (ConversationType is not null)
        {
            conversation["conversationType"] = ConversationType;
        }

        activity["channelId"] = TeamsChannel.BotFrameworkChannelId;
        activity["conversation"] = conversation;
        activity["from"] = new JsonObject { ["id"] = BotId, ["name"] = BotName, ["role"] = "bot" };
        if (Recipient is { } person)
        {
            activity["recipient"] = new JsonObject { ["id"] = person.TeamsId, ["role"] = "user" };
        }

        if (ReplyToId is not null)
        {
            activity["replyToId"] = ReplyToId;
        }

        return activity;
    }
}
