using System.Text.Json;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Outbound;

namespace DeliberationBot.Slack.Inbound;

/// <summary>
/// Events API callbacks. A reply in a deliberation's thread answers the person's current question; a mention of the
/// bot elsewhere is a command. Bots (including this one) and edits or other subtypes are ignored. Replies go back as
/// ephemeral messages right after the acknowledgement.
/// </summary>
internal sealed class EventCallbackHandler(
    AnsweringService answering,
    CommandDispatcher commands,
    ISlackThreadIndex threads,
    SlackApiClient api,
    SlackLog log)
{
    public async Task<SlackAck> HandleAsync(JsonElement envelope, CancellationToken ct)
    {
        var team = envelope.Required("team_id");
        var eventId = envelope.Required("event_id");
        var e = envelope.Get("event") ?? throw new SlackPayloadException("event_callback without event");
        var type = e.Str("type");
        var botUserId = envelope.Items("authorizations").Where(a => a.Get("is_bot")?.ValueKind == JsonValueKind.True).Select(a => a.Str("user_id")).FirstOrDefault();
        if (type is not ("message" or "app_mention"))
        {
            log.Ignored("event", type ?? "(no type)");
            return SlackAck.Empty;
        }

        if (e.Str("subtype") is not null || e.Str("bot_id") is not null || e.Str("user") is not { } user || user == botUserId)
        {
            log.Ignored("event", $"{type} from a bot or with a subtype");
            return SlackAck.Empty;
        }

        var channel = e.Required("channel");
        var ts = e.Required("ts");
        var threadTs = e.Str("thread_ts");
        var text = e.Str("text");
        var actor = new Actor(SlackChannel.Name, team, new UserRef(user));

        // Both "message" and "app_mention" report a message that mentions the bot: app_mention handles it.
        if (type == "message" && InboundText.Mentions(text, botUserId))
        {
            log.Ignored("event", "message mentioning the bot (handled as app_mention)");
            return SlackAck.Empty;
        }

        var deliberationId = threadTs is not null && threadTs != ts ? await threads.FindDeliberationAsync(team, channel, threadTs, ct) : null;
        TurnResult result;
        if (deliberationId is { } id)
        {
            var answer = InboundText.ForMessage(text, botUserId);
            log.ThreadAnswer(channel, id, answer);
            result = await answering.AnswerTextAsync(actor, id, answer, DeliveryKeys.Message(team, channel, ts), ct);
        }
        else if (type == "app_mention")
        {
            var conversation = new ConversationRef(SlackChannel.Name, team, channel);
            result = await commands.HandleAsync(actor, conversation, InboundText.ForCommand(StripBot(text, botUserId)), null, DeliveryKeys.Event(eventId), ct);
        }
        else
        {
            log.Ignored("event", "message outside a deliberation thread");
            return SlackAck.Empty;
        }

        if (result.Duplicate)
        {
            log.Duplicate("event", team, eventId);
            return SlackAck.Empty;
        }

        if (result.Replies.Count == 0)
        {
            return SlackAck.Empty;
        }

        var reply = Replies.Combine(result.Replies);
        return SlackAck.Then(async token =>
        {
            var sent = await api.PostEphemeralAsync(team, channel, user, reply, threadTs, token);
            if (!sent.Ok)
            {
                log.ReplyNotSent(team, sent.Error);
            }
        });
    }

    private static string StripBot(string? text, string? botUserId)
    {
        var t = (text ?? "").Trim();
        if (botUserId is not null && t.StartsWith($"<@{botUserId}", StringComparison.Ordinal))
        {
            var end = t.IndexOf('>', StringComparison.Ordinal);
            t = end < 0 ? "" : t[(end + 1)..];
        }

        return t.Trim();
    }
}
