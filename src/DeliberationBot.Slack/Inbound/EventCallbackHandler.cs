using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound.Payloads;
using DeliberationBot.Slack.Installation;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.People;

namespace DeliberationBot.Slack.Inbound;

/// <summary>
/// Events API callbacks, routed by event type through an explicit table (<see cref="HandledTypes"/>; the app manifest
/// subscribes to exactly these, see <see cref="SlackApp.EventSubscriptions"/>). A reply in a deliberation's thread
/// answers the person's current question, unless it mentions the bot and reads as a command (<see cref="TypedCommands"/>);
/// a mention of the bot elsewhere is a command, or, when its words are no command, answers the channel's only open
/// deliberation (<see cref="ThreadAnswering.AnswerHereAsync"/>); uninstalling deletes the workspace's installation. A
/// person's edit of a message that answered changes the answer it gave. Bots (including this one) and
/// other subtypes (joins, deletions, Slack's own changes) are ignored.
/// </summary>
internal sealed class EventCallbackHandler
{
    private readonly Dictionary<string, Func<EventTurn, CancellationToken, Task<SlackAck>>> _routes = new(StringComparer.Ordinal);
    private readonly ThreadAnswering _answering;
    private readonly AnswerMessages _answerMessages;
    private readonly EditedCommands _editedCommands;
    private readonly CommandDispatcher _commands;
    private readonly TypedCommands _typedCommands;
    private readonly CardThreads _threads;
    private readonly ReplyOutbox _replies;
    private readonly SlackPeople _people;
    private readonly SlackLog _log;

    public EventCallbackHandler(
        ThreadAnswering answering, AnswerMessages answerMessages, EditedCommands editedCommands, CommandDispatcher commands, TypedCommands typedCommands,
        CardThreads threads, ReplyOutbox replies, SlackPeople people, UninstallEvents uninstalls, MembershipEvents memberships, SlackLog log)
    {
        (_answering, _answerMessages, _editedCommands, _commands, _typedCommands, _threads, _replies, _people, _log) =
            (answering, answerMessages, editedCommands, commands, typedCommands, threads, replies, people, log);
        Register("message", MessageAsync);
        Register("app_mention", MessageAsync);
        Register("app_uninstalled", (e, ct) => uninstalls.AppUninstalledAsync(e.Team, ct));
        Register("tokens_revoked", (e, ct) => uninstalls.TokensRevokedAsync(e.Team, e.Event.Tokens, ct));
        Register("member_joined_channel", (e, ct) => memberships.JoinedAsync(e.Team, e.EventId, e.BotUserId, e.Event.User, e.Event.Channel, ct));
        Register("channel_left", (e, ct) => memberships.LeftAsync(e.Team, e.EventId, e.Event.Channel, stillPosts: true, ct));
        Register("group_left", (e, ct) => memberships.LeftAsync(e.Team, e.EventId, e.Event.Channel, stillPosts: false, ct));
    }

    public IReadOnlyCollection<string> HandledTypes => _routes.Keys;

    public async Task<SlackAck> HandleAsync(EventsApiBody body, CancellationToken ct)
    {
        var e = new EventTurn(
            SlackPayload.Required(body.TeamId, "team_id"),
            SlackPayload.Required(body.EventId, "event_id"),
            body.Event ?? throw new SlackPayloadException("event_callback without event"),
            body.BotUserId);
        if (!_routes.TryGetValue(e.Event.Type, out var route))
        {
            _log.Ignored("event", e.Event.Type);
            return SlackAck.Empty;
        }

        return await route(e, ct);
    }

    private void Register(string type, Func<EventTurn, CancellationToken, Task<SlackAck>> handler)
    {
        if (!SlackApp.EventSubscriptions.ContainsKey(type) || !_routes.TryAdd(type, handler))
        {
            throw new InvalidOperationException($"Slack event type '{type}' is registered twice or has no subscription in SlackApp.EventSubscriptions.");
        }
    }

    private async Task<SlackAck> MessageAsync(EventTurn turn, CancellationToken ct)
    {
        var (team, eventId, e, botUserId) = turn;
        var type = e.Type;
        if (type == "message" && e.Subtype == "message_changed")
        {
            return await EditedAsync(turn, ct);
        }

        if (type == "message" && e.Subtype == "message_deleted")
        {
            return await DeletedAsync(turn, ct);
        }

        if (e.Subtype is { } subtype && !PersonsMessage(subtype) || e.BotId is not null || e.User is not { } user || user == botUserId)
        {
            _log.Ignored("event", $"{type} from a bot or with a subtype");
            return SlackAck.Empty;
        }

        var channel = SlackPayload.Required(e.Channel, "event channel");
        var ts = SlackPayload.Required(e.Ts, "event ts");
        var threadTs = e.ThreadTs;
        var text = e.Text;

        // Both "message" and "app_mention" report a message that mentions the bot: app_mention handles it.
        if (type == "message" && InboundText.Mentions(text, botUserId))
        {
            _log.Ignored("event", "message mentioning the bot (handled as app_mention)");
            return SlackAck.Empty;
        }

        var deliberationId = threadTs is not null && threadTs != ts ? await _threads.FindDeliberationAsync(team, channel, threadTs, ct) : null;
        TurnResult result;
        string deliveryKey;
        if (deliberationId is { } id && !(type == "app_mention" && IsCommandToTheBot(text, botUserId)))
        {
            var names = await _people.NamesMentionedAsync(team, text, botUserId, ct);
            var answer = InboundText.ForMessage(text, botUserId, names);
            _log.ThreadAnswer(channel, id, answer.Length);
            deliveryKey = DeliveryKeys.Message(team, channel, ts);
            result = answer.Length == 0 && e.Subtype == "file_share"
                ? TurnResult.Error(AnsweringService.OnlyWords) // a file with no words: it answers nothing, and is not kept
                : await _answering.AnswerAsync(new Actor(SlackChannel.Name, team, new UserRef(user)), id, answer, deliveryKey, ct);
        }
        else if (type == "app_mention")
        {
            // Events name nobody: who wrote and whom they mention are looked up together (one users.info each, cached).
            var writer = _people.FindAsync(team, user, ct);
            var names = await _people.NamesMentionedAsync(team, text, botUserId, ct);
            var person = await writer;
            var actor = new Actor(SlackChannel.Name, team, new UserRef(user, person.Name), person.TimeZone);
            var words = InboundText.ForMessage(text, botUserId, names);
            var here = new ConversationRef(SlackChannel.Name, team, channel);
            // Words to the bot outside any card's thread that are no command answer the channel's only open deliberation,
            // as a reply in its thread would; they are keyed by the message, so that an edit or deletion finds them.
            var answer = deliberationId is null && words.Length > 0 && !_typedCommands.IsCommand(words)
                ? await _answering.AnswerHereAsync(actor, here, words, DeliveryKeys.Message(team, channel, ts), ct)
                : null;
            deliveryKey = answer is null ? DeliveryKeys.Event(eventId) : DeliveryKeys.Message(team, channel, ts);
            // In a deliberation's thread, the command is about that deliberation, not the channel's newest.
            result = answer ?? await _commands.HandleAsync(
                actor, here with { InThreadOf = deliberationId }, InboundText.ForCommand(StripBot(text, botUserId), names), null, deliveryKey, ct);
        }
        else
        {
            _log.Ignored("event", "message outside a deliberation thread");
            return SlackAck.Empty;
        }

        return await ReplyAsync(turn, new ConversationRef(SlackChannel.Name, team, channel, threadTs), user, deliveryKey, result, ct);
    }

    /// <summary>
    /// A person edited a message. When it is their reply in a deliberation's thread, the answer it gave reads as
    /// edited; when it is a message to the bot, it is not run again (<see cref="EditedCommands"/>). Edits Slack makes
    /// itself (a link unfurled, a language detected) carry no <c>edited</c> and change nothing.
    /// </summary>
    private async Task<SlackAck> EditedAsync(EventTurn turn, CancellationToken ct)
    {
        var e = turn.Event;
        if (e.Message is not { Edited.Ts: { } editedTs, Text: var text } || text == e.PreviousMessage?.Text)
        {
            _log.Ignored("event", "message_changed that is no edit of a person's message");
            return SlackAck.Empty;
        }

        if (await AnsweringMessageAsync(turn, e.Message, "message_changed", ct) is not { } reply || IsCommandToTheBot(text, turn.BotUserId))
        {
            return await EditedCommandAsync(turn, e.Message, editedTs, ct);
        }

        var names = await _people.NamesMentionedAsync(turn.Team, text, turn.BotUserId, ct);
        var deliveryKey = DeliveryKeys.Edit(turn.Team, reply.Channel, reply.Ts, editedTs);
        var result = await _answering.ReviseAsync(
            reply.Actor(turn.Team), reply.DeliberationId, reply.Key(turn.Team), InboundText.ForMessage(text, turn.BotUserId, names), deliveryKey, ct, reply.Place);
        return await ReplyAsync(turn, reply.Where(turn.Team), reply.User, deliveryKey, result, ct);
    }

    /// <summary>An edited message that mentions the bot: a command, which is not run again.</summary>
    private async Task<SlackAck> EditedCommandAsync(EventTurn turn, ChangedMessage message, string editedTs, CancellationToken ct)
    {
        if (message is not { User: { } user, Ts: { } ts, Text: { } text } || message.BotId is not null || user == turn.BotUserId
            || !InboundText.Mentions(text, turn.BotUserId))
        {
            _log.Ignored("event", "message_changed that is not an edit of a person's reply in a deliberation's thread or of a message to the bot");
            return SlackAck.Empty;
        }

        var channel = SlackPayload.Required(turn.Event.Channel, "message_changed channel");
        var names = await _people.NamesMentionedAsync(turn.Team, text, turn.BotUserId, ct);
        var result = _editedCommands.Edited(InboundText.ForCommand(StripBot(text, turn.BotUserId), names));
        var where = new ConversationRef(SlackChannel.Name, turn.Team, channel, message.ThreadTs is { } thread && thread != ts ? thread : null);
        return await ReplyAsync(turn, where, user, DeliveryKeys.Edit(turn.Team, channel, ts, editedTs), result, ct);
    }

    /// <summary>
    /// A message was deleted. When it was a person's reply in a deliberation's thread that gave an answer, they are told
    /// that the answer is still recorded (see <see cref="AnswerMessages.DeletedAsync"/>).
    /// </summary>
    private async Task<SlackAck> DeletedAsync(EventTurn turn, CancellationToken ct)
    {
        if (await AnsweringMessageAsync(turn, turn.Event.PreviousMessage, "message_deleted", ct) is not { } reply)
        {
            _log.Ignored("event", "message_deleted that is not of a person's reply in a deliberation's thread");
            return SlackAck.Empty;
        }

        var deliveryKey = DeliveryKeys.Deletion(turn.Team, reply.Channel, reply.Ts);
        var result = await _answerMessages.DeletedAsync(reply.Actor(turn.Team), reply.DeliberationId, reply.Key(turn.Team), deliveryKey, ct);
        return await ReplyAsync(turn, reply.Where(turn.Team), reply.User, deliveryKey, result, ct);
    }

    /// <summary>
    /// The person's message that an edit or a deletion is about, when it answered: a reply in a deliberation's thread, or
    /// words to the bot elsewhere in the channel taken for its only open deliberation (<see cref="ThreadAnswering.AnswerHereAsync"/>);
    /// null for any other message.
    /// </summary>
    private async Task<AnsweringMessage?> AnsweringMessageAsync(EventTurn turn, ChangedMessage? message, string change, CancellationToken ct)
    {
        if (message is not { User: { } user, Ts: { } ts } || message.BotId is not null || user == turn.BotUserId)
        {
            return null;
        }

        var channel = SlackPayload.Required(turn.Event.Channel, change + " channel");
        var threadTs = message.ThreadTs is { } thread && thread != ts ? thread : null;
        if (threadTs is not null && await _threads.FindDeliberationAsync(turn.Team, channel, threadTs, ct) is { } id)
        {
            return new AnsweringMessage(id, channel, user, ts, threadTs, PublicPlace.Thread);
        }

        var writer = new Actor(SlackChannel.Name, turn.Team, new UserRef(user));
        var here = new ConversationRef(SlackChannel.Name, turn.Team, channel);
        return await _answering.AnsweredHereAsync(writer, here, DeliveryKeys.Message(turn.Team, channel, ts), ct) is { } answered
            ? new AnsweringMessage(answered, channel, user, ts, threadTs, PublicPlace.Conversation)
            : null;
    }

    /// <summary>A message that mentions the bot and reads as a command: in a deliberation's thread too, it is one.</summary>
    private bool IsCommandToTheBot(string? text, string? botUserId) =>
        InboundText.Mentions(text, botUserId) && _typedCommands.IsCommand(InboundText.ForMessage(text, botUserId));

    private async Task<SlackAck> ReplyAsync(EventTurn turn, ConversationRef where, string user, string deliveryKey, TurnResult result, CancellationToken ct)
    {
        if (result.Duplicate)
        {
            _log.Duplicate("event", turn.Team, turn.EventId);
            return SlackAck.Empty;
        }

        if (result.Replies.Count == 0)
        {
            return SlackAck.Empty;
        }

        // Events carry no response channel, so the reply to the person goes out as an ephemeral message through the
        // outbox: written before Slack is acknowledged, sent once even if this instance stops right after.
        var destination = Destination.EphemeralTo(where, new UserRef(user));
        await _replies.QueueAsync(turn.Team, deliveryKey, result.Replies, _ => destination, ct);
        return SlackAck.Empty;
    }


    /// <summary>
    /// Subtypes that are still a person's message with their words: a thread reply also sent to the channel, and a
    /// message with a file attached (its text is the answer; the file is not kept).
    /// </summary>
    private static bool PersonsMessage(string subtype) => subtype is "thread_broadcast" or "file_share";

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

    /// <summary>An event with its envelope's workspace, event id and our bot's user id there.</summary>
    private sealed record EventTurn(string Team, string EventId, SlackEvent Event, string? BotUserId);

    /// <summary>
    /// A person's message that answered: its writer, where it is (the thread it is in, if any: replies to them go
    /// there), and the key it was answered under.
    /// </summary>
    private sealed record AnsweringMessage(Guid DeliberationId, string Channel, string User, string Ts, string? ThreadTs, PublicPlace Place)
    {
        public Actor Actor(string team) => new(SlackChannel.Name, team, new UserRef(User));

        public ConversationRef Where(string team) => new(SlackChannel.Name, team, Channel, ThreadTs);

        public string Key(string team) => DeliveryKeys.Message(team, Channel, Ts);
    }
}
