using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Cards;

namespace DeliberationBot.Teams.Inbound;

/// <summary>
/// A message activity: typed text is a command of the shared grammar (with the bot's mention stripped and other
/// mentions resolved to people), or, in the person's private chat where their questions come, words that are no command
/// answer their current question (<see cref="ChatAnswering"/>); a message with a value and no text is an Action.Submit
/// click on one of our cards. In that chat, editing a message changes the answer it gave, and deleting it leaves the
/// answer and says so.
/// </summary>
internal sealed class MessageHandler(
    CommandDispatcher commands, ChatAnswering chat, EditedCommands editedCommands, CardActions cards, PeopleDirectory people, ReplyQueue replies, TeamsLog log)
{
    public async Task HandleAsync(Turn turn, CancellationToken ct)
    {
        var activity = turn.Activity;
        if (activity.Value is { } value && string.IsNullOrWhiteSpace(activity.Text))
        {
            await SubmitAsync(turn, value, ct);
            return;
        }

        var (text, mentions) = MentionText.Normalise(activity);
        log.Command(turn.TenantId, activity.Conversation!.ConversationType, text.Length);
        var answered = activity.IsPersonal ? await chat.AnswerAsync(turn.Actor, text, turn.DeliveryKey, ct) : null;
        var result = answered ?? await commands.HandleAsync(turn.Actor, turn.Home, text, await people.ResolveAsync(turn, mentions, ct), turn.DeliveryKey, ct);
        if (result.Duplicate)
        {
            log.Duplicate(ActivityTypes.Message, turn.TenantId, turn.DeliveryKey);
            return;
        }

        await replies.QueueAsync(turn, result.Replies, personalTurn: false, ct);
    }

    /// <summary>
    /// A message edited (messageUpdate) or deleted (messageDelete): the activity names the message by its id, so the turn's
    /// delivery key is the message's own. In the private chat, an answer typed there changes or stays; a command, there
    /// or anywhere else, is not run again (<see cref="EditedCommands"/>).
    /// </summary>
    public async Task ChangedAsync(Turn turn, CancellationToken ct)
    {
        var activity = turn.Activity;
        var edited = activity.Type == ActivityTypes.MessageUpdate && activity.ChannelData?.EventType is null or "editMessage";
        var deleted = activity.Type == ActivityTypes.MessageDelete && activity.ChannelData?.EventType is null or "softDeleteMessage";
        if (!(edited || activity.IsPersonal && deleted))
        {
            log.Ignored(activity.Type!, "a change of a message that is no edit, nor a deletion in a private chat");
            return;
        }

        var messageKey = turn.DeliveryKey;
        var change = turn with { DeliveryKey = edited ? DeliveryKeys.Edit(activity) : DeliveryKeys.Deletion(activity) };
        var text = MentionText.Normalise(activity).Text;
        var result = deleted ? await chat.DeletedAsync(turn.Actor, messageKey, change.DeliveryKey, ct)
            : activity.IsPersonal ? await chat.ReviseAsync(turn.Actor, messageKey, text, change.DeliveryKey, ct)
            : new TurnResult([]);
        if (edited && result is { Duplicate: false, Replies.Count: 0 })
        {
            result = editedCommands.Edited(text);
        }

        if (result.Duplicate)
        {
            log.Duplicate(activity.Type!, turn.TenantId, change.DeliveryKey);
            return;
        }

        await replies.QueueAsync(change, result.Replies, personalTurn: false, ct);
    }

    private async Task SubmitAsync(Turn turn, ActivityValue value, CancellationToken ct)
    {
        var (verb, data) = value.Submitted();
        var outcome = await cards.HandleAsync(turn, verb, data, ct);
        if (outcome.BadRequest is { } why)
        {
            log.BadCardAction(why, turn.TenantId);
            await replies.QueueAsync(turn, [new ErrorMessage("Sorry, I couldn't make sense of that card. Try the command again.")], personalTurn: false, ct);
            return;
        }

        if (outcome.Result.Duplicate)
        {
            log.Duplicate("card submit", turn.TenantId, turn.DeliveryKey);
            return;
        }

        await replies.QueueAsync(turn, outcome.Result.Replies, personalTurn: verb is not null && CardVerbs.IsPersonal(verb), ct);
    }
}
