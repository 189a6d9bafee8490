using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Deliberations;

/// <summary>Answers typed in words (a reply in a Slack thread, a message in a Teams chat), and edits of them.</summary>
public sealed partial class AnsweringService
{
    /// <summary>What someone who has answered everything is told when they reply again: their words went nowhere.</summary>
    public const string AllAnswered =
        "You have answered every question, so this reply is not recorded. To add it to an answer, change that answer below; there you can also flag it as a concern.";

    /// <summary>What someone who sent a picture or a file with no words is told: it answers nothing, and is not kept.</summary>
    public const string OnlyWords = "I can only read words, so the picture or file you sent was not kept. Type what you want to say in a message.";

    /// <summary>What follows a reply in a deliberation's thread that answered: the next step may come where the thread is out of sight.</summary>
    public static string ThreadReplyAnswered(string question, PublicPlace place = PublicPlace.Thread) => $"Your {place.Message()} is your answer to \"{question}\".";

    /// <summary>
    /// A typed reply (e.g. in a chat, or a deliberation's thread) answers the person's current question; one written
    /// where others read it (<paramref name="from"/>) is followed by which question it answered.
    /// </summary>
    public Task<TurnResult> AnswerTextAsync(Actor actor, Guid deliberationId, string text, string deliveryKey, CancellationToken ct, PublicPlace? from = null) =>
        turn.OnceAsync(actor, deliberationId, deliveryKey, () => RecordTextAsync(actor, deliberationId, text, deliveryKey, from, ct), ct);

    /// <summary>
    /// A typed reply that answered a question was edited (<paramref name="answeredBy"/> is the reply's delivery key):
    /// the answer it gave now reads as edited, as long as it is still the answer that reply gave.
    /// </summary>
    public Task<TurnResult> ReviseTextAsync(Actor actor, Guid deliberationId, string answeredBy, string text, string deliveryKey, CancellationToken ct) =>
        turn.OnceAsync(actor, deliberationId, deliveryKey, () => RecordRevisionAsync(actor, deliberationId, answeredBy, text, deliveryKey, ct), ct);

    private async Task<TurnResult> RecordTextAsync(Actor actor, Guid deliberationId, string text, string deliveryKey, PublicPlace? from, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        var participant = await turn.FindParticipantAsync(actor, d.Id, ct);
        if (participant is null || !d.IsOpen)
        {
            return await OpenAsync(actor, deliberationId, ct);
        }

        var answers = await turn.Store.ListAnswersOfAsync(d.WorkspaceId, d.Id, participant.Key, ct);
        var progress = FlowEngine.Evaluate(flow, participant.Group, Overview.AnswersOf(answers, participant.Key));
        if (progress.Next is not { } question)
        {
            return TurnResult.Reply(Completed(d, progress, Overview.AnswersOf(answers, participant.Key), FlaggedOf(answers, participant.Key), edited: false) with { Notice = AllAnswered });
        }

        var (words, flag) = ConcernPrefix.Strip(text);
        var (value, error) = AnswerParser.Parse(question, words);
        if (value is null)
        {
            // Marked, so that correcting the message by editing it answers this question (RefusedAnswers).
            await turn.CommitAsync(new Commit(d.WorkspaceId, RefusedAnswers.Mark(question.Id, deliveryKey)), ct);
            return TurnResult.Reply(new ErrorMessage(error!) { Question = question.Text });
        }

        var recorded = await RecordAnswerAsync(actor, deliberationId, question.Id, value, flag, deliveryKey, ct);
        return from is { } place && !recorded.Duplicate && recorded.Replies is not [ErrorMessage, ..]
            ? recorded.WithNotice(ThreadReplyAnswered(question.Text, place)).From(place)
            : recorded;
    }

    private async Task<TurnResult> RecordRevisionAsync(Actor actor, Guid deliberationId, string answeredBy, string text, string deliveryKey, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow)
            || await turn.FindParticipantAsync(actor, d.Id, ct) is not { } participant)
        {
            return new TurnResult([]); // someone who never answered edited a message: nothing of theirs to change
        }

        var given = await turn.AnswerGivenByAsync(d, participant, answeredBy, ct);
        if (given is null || flow.FindQuestion(given.QuestionId) is not { } question)
        {
            return TurnResult.Error(
                "Editing that message changes no answer: it gave none, or the answer it gave has been changed since. " +
                "To change an answer, press Answer on the deliberation's card.");
        }

        if (!d.IsOpen)
        {
            return TurnResult.Error($"\"{d.Title}\" is closed, so your answer to \"{question.Text}\" stays as it was.");
        }

        // Taking "concern:" away in an edit does not withdraw a concern; unflagging is its own, deliberate step.
        var (words, flag) = ConcernPrefix.Strip(text);
        var (value, error) = AnswerParser.Parse(question, words);
        if (value is null)
        {
            return TurnResult.Error($"{error} Your answer to \"{question.Text}\" stays as it was.");
        }

        flag |= given.FlaggedConcern;
        if (value == given.Value && flag == given.FlaggedConcern)
        {
            return new TurnResult([]);
        }

        var recorded = await RecordAnswerAsync(actor, d.Id, question.Id, value, flag, deliveryKey, ct, source: given.Source);
        return recorded.Duplicate || recorded.Replies.Any(r => r is ErrorMessage)
            ? recorded
            : TurnResult.Reply(new Confirmation($"Your answer to \"{question.Text}\" now reads as you edited it." + (recorded.Notice is { } kept ? " " + kept : "")));
    }
}
