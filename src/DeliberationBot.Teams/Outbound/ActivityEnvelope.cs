using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Teams.Inbound;
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
        activity["channelId"] = TeamsChannel.BotFrameworkChannelId;
        activity["conversation"] = JsonSerializer.SerializeToNode(new ConversationAccount(ConversationId, ConversationType, TenantId), TeamsJson.Default.ConversationAccount);
        activity["from"] = Account(new ChannelAccount(BotId, BotName, Role: "bot"));
        if (Recipient is { } person)
        {
            activity["recipient"] = Account(new ChannelAccount(person.TeamsId, null, Role: "user"));
        }

        if (ReplyToId is not null)
        {
            activity["replyToId"] = ReplyToId;
        }

        return activity;
    }

    private static JsonNode? Account(ChannelAccount account) => JsonSerializer.SerializeToNode(account, TeamsJson.Default.ChannelAccount);
}
