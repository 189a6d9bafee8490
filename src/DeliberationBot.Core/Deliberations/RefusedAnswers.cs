using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// A typed answer that did not fit its question is refused with what to type instead, and in Slack and Teams the
/// natural way to follow that is to edit the message. The refusal leaves a mark naming the message and the question
/// (<see cref="Mark"/>), so the corrected words answer that question, whatever the person has answered since, under
/// the message's key: a later edit changes that answer, and the message delivered again counts as handled.
/// </summary>
public sealed class RefusedAnswers(TurnSupport turn, AnsweringService answering)
{
    /// <summary>The delivery key that records a message's refusal as an answer to a question.</summary>
    public static string Mark(string questionId, string messageKey) => $"refused:{questionId}:{messageKey}";

    /// <returns>The corrected answer's result, or null when the message was never refused as an answer.</returns>
    public async Task<TurnResult?> CorrectAsync(Actor actor, Guid deliberationId, string messageKey, string text, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow)
            || await turn.FindParticipantAsync(actor, d.Id, ct) is not { } participant)
        {
            return null;
        }

        foreach (var question in flow.Questions.Where(q => q.IsAskedOf(participant.Group)))
        {
            if (await turn.Store.WasDeliveredAsync(d.WorkspaceId, Mark(question.Id, messageKey), ct))
            {
                var (words, flag) = ConcernPrefix.Strip(text);
                var (value, error) = AnswerParser.Parse(question, words);
                return value is null
                    ? TurnResult.Reply(new ErrorMessage(error!) { Question = question.Text })
                    : await answering.AnswerAsync(actor, d.Id, question.Id, value, flag, messageKey, ct);
            }
        }

        return null;
    }
}
