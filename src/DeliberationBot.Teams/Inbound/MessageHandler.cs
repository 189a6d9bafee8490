using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Cards;
using DeliberationBot.Teams.Installation;

namespace DeliberationBot.Teams.Inbound;

/// <summary>
/// A message activity: typed text is a command of the shared grammar (with the bot's mention stripped and other
/// mentions resolved to people), or words that are no command answer the person's current question: in their private
/// chat, where their questions come (<see cref="ChatAnswering"/>); in the channel thread of a deliberation's card, as a
/// reply in its Slack thread does; and elsewhere in a channel or group chat, for the conversation's only open
/// deliberation (<see cref="ThreadAnswering"/>). A message with a value and no text is an
/// Action.Submit click on one of our cards. Editing a message that answered changes the answer it gave, and deleting it
/// leaves the answer and says so.
/// </summary>
internal sealed class MessageHandler(
    CommandDispatcher commands, TypedCommands typedCommands, ChatAnswering chat, ThreadAnswering thread, CardThreads cardThreads, AnswerMessages answerMessages, EditedCommands editedCommands,
    CardActions cards, PeopleDirectory people, ReplyQueue replies, TeamsLog log)
{
    public async Task HandleAsync(Turn turn, CancellationToken ct)
    {
        var activity = turn.Activity;
        if (activity.Value is { } value && string.IsNullOrWhiteSpace(activity.Text))
        {
            await SubmitAsync(turn, value, ct);
            return;
        }

        var (text, words, mentions) = MentionText.Read(activity);
        log.Command(turn.TenantId, activity.Conversation!.ConversationType, text.Length);
        if (text.Length == 0 && CarriesAFile(activity))
        {
            // Not the help an empty message gets: the person sent something, and should know it was not taken.
            await QueueAsync(turn, TurnResult.Error(AnsweringService.OnlyWords), ActivityTypes.Message, personal: false, ct);
            return;
        }

        var cardThread = activity.IsPersonal ? null : await CardThreadAsync(turn, ct);
        var answer = activity.IsPersonal || typedCommands.IsCommand(text) ? null
            : cardThread is { } deliberationId ? await thread.AnswerAsync(turn.Actor, deliberationId, words, turn.DeliveryKey, ct)
            : words.Length > 0 ? await thread.AnswerHereAsync(turn.Actor, turn.Home, words, turn.DeliveryKey, ct)
            : null;
        if (answer is not null)
        {
            // The answering flow is the person's: what follows comes in their private chat, as after pressing Answer.
            await QueueAsync(turn, answer, ActivityTypes.Message, personal: true, ct);
            return;
        }

        var answered = activity.IsPersonal ? await chat.AnswerAsync(turn.Actor, words, turn.DeliveryKey, ct) : null;
        // A command in a deliberation card's thread is about that deliberation, not the channel's newest.
        var here = turn.Home with { InThreadOf = cardThread };
        var result = answered ?? await commands.HandleAsync(turn.Actor, here, text, await people.ResolveAsync(turn, mentions, ct), turn.DeliveryKey, ct);
        await QueueAsync(turn, result, ActivityTypes.Message, personal: false, ct);
    }

    /// <summary>A picture pasted in (an &lt;img&gt; in the message's HTML) or a file attached.</summary>
    private static bool CarriesAFile(Activity activity) => activity.Attachments?.Any(a =>
        !string.Equals(a.ContentType, "text/html", StringComparison.OrdinalIgnoreCase)
        || a.Content is { ValueKind: System.Text.Json.JsonValueKind.String } html && html.GetString()!.Contains("<img", StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>The deliberation whose card starts the channel thread the activity is in; null anywhere else.</summary>
    private async Task<Guid?> CardThreadAsync(Turn turn, CancellationToken ct) =>
        ConversationIds.ThreadRoot(turn.Activity.Conversation!.Id!) is { } root
            ? await cardThreads.FindDeliberationAsync(turn.TenantId, turn.Home.ConversationId, root, ct)
            : null;

    private async Task QueueAsync(Turn turn, TurnResult result, string kind, bool personal, CancellationToken ct)
    {
        if (result.Duplicate)
        {
            log.Duplicate(kind, turn.TenantId, turn.DeliveryKey);
            return;
        }

        await replies.QueueAsync(turn, result.Replies, personalTurn: personal, ct);
    }

    /// <summary>
    /// A message edited (messageUpdate) or deleted (messageDelete): the activity names the message by its id, so the turn's
    /// delivery key is the message's own. In the private chat, and in the thread of a deliberation's card, an answer typed
    /// there changes or stays; a command, there or anywhere else, is not run again (<see cref="EditedCommands"/>).
    /// </summary>
    public async Task ChangedAsync(Turn turn, CancellationToken ct)
    {
        var activity = turn.Activity;
        var edited = activity.Type == ActivityTypes.MessageUpdate && activity.ChannelData?.EventType is null or "editMessage";
        var deleted = activity.Type == ActivityTypes.MessageDelete && activity.ChannelData?.EventType is null or "softDeleteMessage";
        // Where a message outside the private chat answered: a card's thread, else the conversation's only open deliberation.
        var inPublic = !activity.IsPersonal && (edited || deleted);
        var inCardThread = inPublic ? await CardThreadAsync(turn, ct) : null;
        var place = inCardThread is null ? PublicPlace.Conversation : PublicPlace.Thread;
        var answeredIn = inCardThread ?? (inPublic ? await thread.AnsweredHereAsync(turn.Actor, turn.Home, turn.DeliveryKey, ct) : null);
        if (!(edited || deleted && (activity.IsPersonal || answeredIn is not null)))
        {
            log.Ignored(activity.Type!, "a change of a message that is no edit, nor a deletion where answers are typed");
            return;
        }

        var messageKey = turn.DeliveryKey;
        var change = turn with { DeliveryKey = edited ? DeliveryKeys.Edit(activity) : DeliveryKeys.Deletion(activity) };
        var (command, text, _) = MentionText.Read(activity);
        var result = (answeredIn, deleted) switch
        {
            (null, true) => await chat.DeletedAsync(turn.Actor, messageKey, change.DeliveryKey, ct),
            ({ } id, true) => await answerMessages.DeletedAsync(turn.Actor, id, messageKey, change.DeliveryKey, ct),
            ({ } id, false) when !typedCommands.IsCommand(text) => await thread.ReviseAsync(turn.Actor, id, messageKey, text, change.DeliveryKey, ct, place),
            (null, false) when activity.IsPersonal => await chat.ReviseAsync(turn.Actor, messageKey, text, change.DeliveryKey, ct),
            _ => new TurnResult([]),
        };
        // Where words answer, only an edit that reads as a command is one (an answer edited to the same words says nothing).
        var answersHere = activity.IsPersonal || answeredIn is not null;
        if (edited && result is { Duplicate: false, Replies.Count: 0 } && (!answersHere || typedCommands.IsCommand(text)))
        {
            result = editedCommands.Edited(command);
        }

        await QueueAsync(change, result, activity.Type!, personal: answeredIn is not null, ct);
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
