using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// A reply typed where others read it (a deliberation's channel thread) answers the person's current question, by
/// name. Not where answers are anonymous only, and not from someone who joined anonymously: their answer would be
/// stored as anonymous while their name stands next to it in the thread.
/// </summary>
public sealed class ThreadAnswering(TurnSupport turn, AnsweringService answering, AnswerMessages messages, RefusedAnswers refused, ReplyOutbox replies)
{
    /// <summary>What someone whose thread reply can't be taken as an answer is told.</summary>
    public const string PublicReplyNotTaken =
        "Replies in this thread are public, so they are not taken as anonymous answers. " +
        "Press Answer on the deliberation's card to answer privately and anonymously.";

    public async Task<TurnResult> AnswerAsync(Actor actor, Guid deliberationId, string text, string deliveryKey, CancellationToken ct)
    {
        var d = await turn.Store.FindAsync(actor.WorkspaceId, deliberationId, ct);
        var participant = d is null ? null : await turn.FindParticipantAsync(actor, d.Id, ct);
        if (d is not null && !MayAnswerInPublic(d, participant))
        {
            // Nothing is written for a refused reply but the reply itself, so that is what tells a redelivery apart.
            return await replies.WereQueuedAsync(actor.WorkspaceId, deliveryKey, ct)
                ? TurnResult.AlreadyHandled
                : TurnResult.Reply(new Confirmation(PublicReplyNotTaken));
        }

        // Someone who has not joined is asked for their group first; their reply waits in the prompt, to answer then. An
        // answer says which question it answered: the next step may come where the thread is out of sight (Teams sends
        // it to the person's private chat).
        var result = await answering.AnswerTextAsync(actor, deliberationId, text, deliveryKey, ct, fromThread: true);
        return participant is null ? Waiting(result, new WaitingReply(text, deliveryKey)) : result;
    }

    /// <summary>
    /// Someone pressed Answer under a reply they wrote before joining: they are asked for their group, the reply
    /// waiting; or, if they have joined since, the reply answers their current question now.
    /// </summary>
    public async Task<TurnResult> OpenAsync(Actor actor, Guid deliberationId, WaitingReply? waiting, CancellationToken ct)
    {
        waiting = await StillThereAsync(actor, waiting, ct);
        var opened = await answering.OpenAsync(actor, deliberationId, ct);
        return waiting is null ? opened
            : opened.Replies is [GroupPrompt] ? Waiting(opened, waiting)
            : await AnswerWaitingAsync(actor, deliberationId, waiting, opened, ct);
    }

    /// <summary>Joins; a reply the person wrote in the thread before joining then answers their first question.</summary>
    public async Task<TurnResult> JoinAsync(
        Actor actor, Guid deliberationId, StakeholderGroup group, bool anonymous, WaitingReply? waiting, string deliveryKey, CancellationToken ct)
    {
        waiting = await StillThereAsync(actor, waiting, ct);
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
            return asked.WithNotice("Your reply in the thread is not taken as your answer: the thread shows your name, and you answer anonymously. Answer here instead.");
        }

        var answered = await answering.AnswerTextAsync(actor, deliberationId, waiting.Text, waiting.DeliveryKey, ct, fromThread: true);
        return answered.Duplicate ? asked // the reply gave its answer already
            : answered.Replies is [ErrorMessage error, ..]
                ? asked.WithNotice($"Your reply in the thread is not taken as your answer to \"{question.Text}\": {error.Text} Answer here instead.")
                : answered;
    }

    /// <summary>A waiting reply the person has deleted since is no longer theirs to give (<see cref="AnswerMessages.DeletedAsync"/>).</summary>
    private async Task<WaitingReply?> StillThereAsync(Actor actor, WaitingReply? waiting, CancellationToken ct) =>
        waiting is not null && await messages.WasWithdrawnAsync(actor.WorkspaceId, waiting.DeliveryKey, ct) ? null : waiting;

    private static TurnResult Waiting(TurnResult result, WaitingReply waiting) =>
        new([.. result.Replies.Select(r => r is GroupPrompt g ? g with { Waiting = waiting } : r)]);


    /// <summary>A reply was edited: the answer it gave (<paramref name="answeredBy"/> is the reply's delivery key) reads as edited.</summary>
    public async Task<TurnResult> ReviseAsync(Actor actor, Guid deliberationId, string answeredBy, string text, string deliveryKey, CancellationToken ct)
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

        // A reply still waiting for its writer to join (the Answer button they were given carries it): the edited words
        // come in a new prompt, so that the answer they give on joining is what they meant.
        if (d is { IsOpen: true } && participant is null && MayAnswerInPublic(d, null))
        {
            return await replies.WereQueuedAsync(actor.WorkspaceId, deliveryKey, ct)
                ? TurnResult.AlreadyHandled
                : Waiting(await answering.OpenAsync(actor, deliberationId, ct), new WaitingReply(text, answeredBy));
        }

        return await answering.ReviseTextAsync(actor, deliberationId, answeredBy, text, deliveryKey, ct);
    }

    private static bool MayAnswerInPublic(Deliberation deliberation, Participant? participant) =>
        deliberation.Anonymity != AnonymityPolicy.AnonymousOnly && participant?.Anonymous != true;
}
