using DeliberationBot.Core.Deliberations;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Interactivity;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Answering;

/// <summary>
/// The participant's buttons: Answer (the group, then the next question), Change next to an answer in the review, and
/// the "Change an earlier answer" select in a question modal. Each shows its step as a modal; nothing is stored here.
/// </summary>
internal sealed class AnswerActions(AnsweringService answering, ThreadAnswering threads, ActionReplies replies)
{
    /// <summary>Answer: on a card, a question, or under a thread reply written before joining (which it carries).</summary>
    public async Task<SlackAck> OpenAsync(SlackAction a, CancellationToken ct)
    {
        if (!SlackIds.TryParseAnswerValue(a.Value, out var deliberationId, out var waiting))
        {
            throw new SlackPayloadException("answer button without a deliberation id");
        }

        return await replies.ModalAsync(a, await threads.OpenAsync(a.Actor, deliberationId, waiting, ct), "answer", ct);
    }

    public async Task<SlackAck> ChangeAsync(SlackAction a, CancellationToken ct)
    {
        if (!SlackIds.TryParseChangeValue(a.Value, out var deliberationId, out var questionId))
        {
            throw new SlackPayloadException("change button without its deliberation and question");
        }

        return await replies.ModalAsync(a, await answering.ShowQuestionAsync(a.Actor, deliberationId, questionId, ct), "change answer", ct);
    }

    public async Task<SlackAck> JumpAsync(SlackAction a, CancellationToken ct)
    {
        if (!SlackIds.TryParseQuestionMetadata(a.ViewMetadata, out var deliberationId, out _, out _) || string.IsNullOrEmpty(a.Value))
        {
            throw new SlackPayloadException("earlier-answer select outside a question modal");
        }

        return await replies.ModalAsync(a, await answering.ShowQuestionAsync(a.Actor, deliberationId, a.Value, ct), "change answer", ct);
    }
}
