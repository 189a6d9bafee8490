using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound.Payloads;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.People;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Inbound;

/// <summary>
/// <c>/deliberate …</c>: runs the shared grammar through Core and answers ephemerally; <c>start</c> without arguments
/// opens the start form with the command's trigger id right after the acknowledgement. The caller's time zone and name
/// (from users.info, cached) come with every command, so digests and dates follow the person's own clock, and the caller
/// and the people they mention are named as Slack shows them, not by handle. A deliberation is not started where the
/// bot cannot post (<see cref="BotPresence"/>).
/// </summary>
internal sealed class CommandHandler(CommandDispatcher commands, SlackApiClient api, SlackPeople people, BotPresence presence, SlackLog log)
{
    public async Task<SlackAck> HandleAsync(SlashCommand command, CancellationToken ct)
    {
        var writer = people.FindAsync(command.TeamId, command.UserId, ct);
        var checking = BotPresence.Starts(command.Text) ? presence.CheckAsync(command.TeamId, command.ChannelId, ct) : Task.FromResult(Presence.Member);
        var names = await people.NamesMentionedAsync(command.TeamId, command.Text, null, ct);
        var person = await writer;
        var where = await checking;
        if (where == Presence.Absent)
        {
            return SlackAck.Json(Replies.Ephemeral([new Core.Messaging.Confirmation(BotPresence.NotHere)], out _));
        }

        var actor = new Actor(SlackChannel.Name, command.TeamId, new UserRef(command.UserId, person.Name ?? command.UserName), person.TimeZone);
        var conversation = new ConversationRef(SlackChannel.Name, command.TeamId, command.ChannelId);
        var key = DeliveryKeys.Command(command.TeamId, command.UserId, command.TriggerId ?? command.ResponseUrl ?? command.Text);
        var result = await commands.HandleAsync(actor, conversation, InboundText.ForCommand(command.Text, names), null, key, ct);
        if (result.Duplicate)
        {
            log.Duplicate("command", command.TeamId, key);
            return SlackAck.Empty;
        }

        // A deliberation started in a public channel the bot only posts in: it joins, so that replies in the card's thread reach it.
        var join = where == Presence.PostsOnly && !result.Replies.OfType<ErrorMessage>().Any() && !result.Replies.OfType<StartForm>().Any()
            ? token => presence.JoinAsync(command.TeamId, command.ChannelId, command.UserId, key, token)
            : (Func<CancellationToken, Task>?)null;
        if (result.Replies.OfType<StartForm>().FirstOrDefault() is { } form && command.TriggerId is { } trigger)
        {
            var view = ModalRenderer.Render(form, command.ChannelId);
            return SlackAck.Then(async token =>
            {
                var opened = await api.OpenViewAsync(command.TeamId, trigger, view, token);
                if (!opened.Ok)
                {
                    log.ModalNotOpened("start form", command.TeamId, opened.Error);
                }
            });
        }

        if (result.Replies.Count == 0)
        {
            return SlackAck.Empty;
        }

        // What does not fit in the acknowledgement follows right after it, privately, in as many messages as it takes.
        var body = Replies.Ephemeral(result.Replies, out var more);
        var ack = more.Count == 0 ? SlackAck.Json(body) : SlackAck.Json(body) with
        {
            After = async token =>
            {
                foreach (var message in more)
                {
                    var sent = await api.PostEphemeralAsync(command.TeamId, command.ChannelId, command.UserId, message, null, token);
                    if (!sent.Ok)
                    {
                        log.ReplyNotSent(command.TeamId, sent.Error);
                        return;
                    }
                }
            },
        };
        return join is null ? ack : ack.AndThen(join);
    }
}
