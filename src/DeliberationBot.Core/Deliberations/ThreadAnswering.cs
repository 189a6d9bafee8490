using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// A reply typed where others read it (a deliberation's channel thread, or a conversation whose only open deliberation
/// it is: <see cref="PublicPlace"/>) answers the person's current question, by name. Not where answers are anonymous
/// only, and not from someone who joined anonymously: their answer would be stored as anonymous while their name stands
/// next to it.
/// </summary>
public sealed class ThreadAnswering(TurnSupport turn, AnsweringService answering, AnswerMessages messages, RefusedAnswers refused, ReplyOutbox replies)
{
    /// <summary>What someone whose thread reply can't be taken as an answer is told.</summary>
    public const string PublicReplyNotTaken =
        "Replies in this thread are public, so they are not taken as anonymous answers. " +
        "Press Answer on the deliberation's card to answer privately and anonymously.";

    /// <summary>The same, for a message in the conversation itself.</summary>
    public const string PublicMessageNotTaken =
        "Messages in this conversation are public, so they are not taken as anonymous answers. " +
        "Press Answer on the deliberation's card to answer privately and anonymously.";

    /// <summary>What someone is told whose words in a conversation with several open deliberations could be for any of them.</summary>
    public const string SeveralOpenHere =
        "Several deliberations are open in this conversation, so I can't tell which one this answers, and it was not recorded. " +
        "Press Answer on the card of the one it is for and give it there.";

    /// <summary>
    /// Words that are no command, written in a conversation outside any card's thread (a Teams group chat has no
    /// threads; a channel post need not be a reply): they answer the conversation's only open deliberation, as a reply
    /// in its thread would. With several open, nothing is guessed: the person is told. Null when none is open here.
    /// </summary>
    public async Task<TurnResult?> AnswerHereAsync(Actor actor, ConversationRef conversation, string text, string deliveryKey, CancellationToken ct)
    {
        switch (await OpenHereAsync(actor, conversation, ct))
        {
            case []:
                return null;
            case [var only]:
                // Written down, so that an edit or deletion of this message is later read as one of words that answer,
                // not of a command (a message in the conversation can be either).
                await turn.CommitAsync(new Commit(actor.WorkspaceId, WordsHere(deliveryKey)), ct);
                return await AnswerAsync(actor, only.Id, text, deliveryKey, ct, PublicPlace.Conversation);
            default:
                return TurnResult.Error(SeveralOpenHere);
        }
    }

    /// <summary>
    /// The deliberation a message in a conversation (edited or deleted now) was taken as words for: its only open one,
    /// if the message was; null for a command, or where it was not.
    /// </summary>
    public async Task<Guid?> AnsweredHereAsync(Actor actor, ConversationRef conversation, string messageKey, CancellationToken ct) =>
        await turn.Store.WasDeliveredAsync(actor.WorkspaceId, WordsHere(messageKey), ct) && await OpenHereAsync(actor, conversation, ct) is [var only]
            ? only.Id
            : null;

    private static string WordsHere(string messageKey) => "words-here:" + messageKey;

    private async Task<List<Deliberation>> OpenHereAsync(Actor actor, ConversationRef conversation, CancellationToken ct) =>
        [.. (await turn.Store.ListOpenAsync(actor.WorkspaceId, conversation.Channel, ct)).Where(d => d.Home.ConversationId == conversation.ConversationId)];

    public async Task<TurnResult> AnswerAsync(
        Actor actor, Guid deliberationId, string text, string deliveryKey, CancellationToken ct, PublicPlace place = PublicPlace.Thread)
    {
        var d = await turn.Store.FindAsync(actor.WorkspaceId, deliberationId, ct);
        var participant = d is null ? null : await turn.FindParticipantAsync(actor, d.Id, ct);
        if (d is not null && !MayAnswerInPublic(d, participant))
        {
            // Nothing is written for a refused reply but the reply itself, so that is what tells a redelivery apart.
            return await replies.WereQueuedAsync(actor.WorkspaceId, deliveryKey, ct)
                ? TurnResult.AlreadyHandled
                : TurnResult.Reply(new Confirmation(place == PublicPlace.Thread ? PublicReplyNotTaken : PublicMessageNotTaken));
        }

        // Someone who has not joined is asked for their group first; their reply waits (its words held here, the prompt
        // naming it), to answer then. An answer says which question it answered: the next step may come where the
        // thread is out of sight (Teams sends it to the person's private chat).
        var result = await answering.AnswerTextAsync(actor, deliberationId, text, deliveryKey, ct, from: place);
        return participant is null ? await WaitingAsync(actor, result, new WaitingReply(text, deliveryKey) { Place = place }, ct) : result;
    }

    /// <summary>
    /// Someone pressed Answer under a reply they wrote before joining: they are asked for their group, the reply
    /// waiting; or, if they have joined since, the reply answers their current question now.
    /// </summary>
    public async Task<TurnResult> OpenAsync(Actor actor, Guid deliberationId, WaitingReply? waiting, CancellationToken ct)
    {
        waiting = await FindWaitingAsync(actor, waiting, ct);
        var opened = await answering.OpenAsync(actor, deliberationId, ct);
        return waiting is null ? opened
            : opened.Replies is [GroupPrompt] ? Waiting(opened, waiting)
            : await AnswerWaitingAsync(actor, deliberationId, waiting, opened, ct);
    }

    /// <summary>Joins; a reply the person wrote in the thread before joining then answers their first question.</summary>
    public async Task<TurnResult> JoinAsync(
        Actor actor, Guid deliberationId, StakeholderGroup group, bool anonymous, WaitingReply? waiting, string deliveryKey, CancellationToken ct)
    {
        waiting = await FindWaitingAsync(actor, waiting, ct);
        var joined = await answering.JoinAsync(actor, deliberationId, group, anonymous, deliveryKey, ct);
        return waiting is null || joined.Duplicate ? joined : await AnswerWaitingAsync(actor, deliberationId, waiting, joined, ct);
    }

    /// <param name="asked">What the person is shown otherwise: the question the reply is to answer.</param>
    private async Task<TurnResult> AnswerWaitingAsync(Actor actor, Guid deliberationId, WaitingReply waiting, TurnResult asked, CancellationToken ct)
    {
        if (asked.Replies is not [QuestionPrompt question])
        {
            return asked; // nothing left to answer, or the deliberation is closed: said as it is
        }

        // The thread shows the writer's name: their reply cannot become an anonymous answer.
        if (await turn.FindParticipantAsync(actor, deliberationId, ct) is { Anonymous: true })
        {
            return asked.WithNotice($"Your {waiting.Place.Message()} is not taken as your answer: {waiting.Place.Name()} shows your name, and you answer anonymously. Answer here instead.");
        }

        var answered = await answering.AnswerTextAsync(actor, deliberationId, waiting.Text, waiting.DeliveryKey, ct, from: waiting.Place);
        return answered.Duplicate ? asked // the reply gave its answer already
            : answered.Replies is [ErrorMessage error, ..]
                ? asked.WithNotice($"Your {waiting.Place.Message()} is not taken as your answer to \"{question.Text}\": {error.Text} Answer here instead.")
                : answered;
    }

    /// <summary>
    /// The reply a button's or card's data names (<paramref name="carried"/>), if it still waits for this person: its
    /// words and where it was written are read from what was written down, not from that data, which a client could
    /// change. Null for a reply that waits for someone else (else a person could name another's waiting reply and answer
    /// under its key first, so that the other's words, coming later, would count as given already and be lost), or that
    /// they have deleted (<see cref="AnswerMessages.DeletedAsync"/>). Only a prompt sent before words were held carried
    /// them itself; its reply waits with those.
    /// </summary>
    public async Task<WaitingReply?> FindWaitingAsync(Actor actor, WaitingReply? carried, CancellationToken ct)
    {
        if (carried is null)
        {
            return null;
        }

        // Words are held for the person they wait for only, and emptied when the reply is deleted. A reply whose prompt
        // carried its words (sent before they were held) is checked as it was then: marked waiting for them, not deleted.
        var words = await messages.WaitingWordsAsync(actor, carried.DeliveryKey, ct)
            ?? (await messages.IsWaitingForAsync(actor, carried.DeliveryKey, ct) && !await messages.WasWithdrawnAsync(actor.WorkspaceId, carried.DeliveryKey, ct) ? carried.Text : "");
        if (words.Length == 0)
        {
            return null;
        }

        var place = await turn.Store.WasDeliveredAsync(actor.WorkspaceId, WordsHere(carried.DeliveryKey), ct) ? PublicPlace.Conversation : PublicPlace.Thread;
        return new WaitingReply(words, carried.DeliveryKey) { Place = place };
    }

    /// <summary>The prompt to join names the reply, written down (its words held) as waiting for this person.</summary>
    private async Task<TurnResult> WaitingAsync(Actor actor, TurnResult result, WaitingReply waiting, CancellationToken ct)
    {
        if (result.Replies.Any(r => r is GroupPrompt))
        {
            await messages.MarkWaitingAsync(actor, waiting.DeliveryKey, waiting.Text, ct);
        }

        return Waiting(result, waiting);
    }

    private static TurnResult Waiting(TurnResult result, WaitingReply waiting) =>
        new([.. result.Replies.Select(r => r is GroupPrompt g ? g with { Waiting = waiting } : r)]);


    /// <summary>A reply was edited: the answer it gave (<paramref name="answeredBy"/> is the reply's delivery key) reads as edited.</summary>
    public async Task<TurnResult> ReviseAsync(
        Actor actor, Guid deliberationId, string answeredBy, string text, string deliveryKey, CancellationToken ct, PublicPlace place = PublicPlace.Thread)
    {
        if (await turn.Store.WasDeliveredAsync(actor.WorkspaceId, answeredBy, ct))
        {
            return await answering.ReviseTextAsync(actor, deliberationId, answeredBy, text, deliveryKey, ct);
        }

        var d = await turn.Store.FindAsync(actor.WorkspaceId, deliberationId, ct);
        var participant = d is null ? null : await turn.FindParticipantAsync(actor, d.Id, ct);
        var mayAnswer = d is not null && participant is not null && MayAnswerInPublic(d, participant);
        if (!await replies.WereQueuedAsync(actor.WorkspaceId, answeredBy, ct)) // nor answered (above): not handled yet
        {
            // The reply itself has not come yet (a platform retrying a delivery sends it late). From someone who may
            // answer here, the edited words answer in its place, under its key, so that when it does come it counts as
            // handled and the first words never replace the edited ones. Anyone else hears from the reply when it comes.
            return mayAnswer ? await answering.AnswerTextAsync(actor, deliberationId, text, answeredBy, ct) : new TurnResult([]);
        }

        // A reply that did not fit its question, corrected as the person was told to.
        if (mayAnswer && await refused.CorrectAsync(actor, deliberationId, answeredBy, text, ct) is { } corrected)
        {
            return corrected;
        }

        // A reply still waiting for its writer to join: the edited words replace those held for it, so that the answer
        // they give on joining is what they meant, whichever prompt's button they press; a new prompt shows them.
        if (d is { IsOpen: true } && participant is null && MayAnswerInPublic(d, null))
        {
            return await replies.WereQueuedAsync(actor.WorkspaceId, deliveryKey, ct)
                ? TurnResult.AlreadyHandled
                : await WaitingAsync(actor, await answering.OpenAsync(actor, deliberationId, ct), new WaitingReply(text, answeredBy) { Place = place }, ct);
        }

        return await answering.ReviseTextAsync(actor, deliberationId, answeredBy, text, deliveryKey, ct);
    }

    private static bool MayAnswerInPublic(Deliberation deliberation, Participant? participant) =>
        deliberation.Anonymity != AnonymityPolicy.AnonymousOnly && participant?.Anonymous != true;
}
