using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Summaries;

/// <summary>Turns a deliberation's answers into a summary. Offline (rules, no network) or a model behind it.</summary>
public interface ISummarizer
{
    Task<DeliberationSummary> SummarizeAsync(SummaryInput input, CancellationToken ct);
}

/// <summary>
/// Everything a summariser may see. <paramref name="MinGroupSize"/> is how many distinct participants of a stakeholder
/// group must have answered anonymously before that group's anonymous answers are shown (Summaries:MinGroupSize).
/// <paramref name="UnresolvedConcerns"/> counts the deliberation's concerns not yet resolved, as recorded (including ones
/// raised without an answer), so that nothing a model writes can say there are none.
/// </summary>
public sealed record SummaryInput(
    Guid DeliberationId, string Title, FlowDefinition Flow, IReadOnlyList<SummaryAnswer> Answers, int MinGroupSize, int UnresolvedConcerns = 0);

/// <summary>
/// One answer as the summariser may see it: a stable citation id ("A1", "A2", … assigned by the caller), the group label,
/// never a name or user id. <paramref name="ParticipantRef"/> only tells answers of the same person apart; it is never shown.
/// Give answers ids that stay the same as more answers arrive (e.g. by first recording), so an unchanged section of the
/// flow produces the same model request and is not sent again.
/// </summary>
public sealed record SummaryAnswer(
    string Id,
    string QuestionId,
    StakeholderGroup Group,
    string ParticipantRef,
    bool Anonymous,
    AnswerValue Value,
    bool FlaggedConcern);
