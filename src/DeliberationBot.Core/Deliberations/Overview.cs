using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Deliberations;

/// <summary>Who has answered what, for a whole deliberation, by stakeholder group (never by name).</summary>
public static class Overview
{
    public static ProgressSummary Progress(FlowDefinition flow, IReadOnlyList<Participant> participants, IReadOnlyList<Answer> answers)
    {
        var byGroup = participants
            .GroupBy(p => p.Group)
            .OrderBy(g => g.Key)
            .Select(g => new GroupProgress(
                g.Key,
                g.Count(),
                g.Count(p => p.FinishedAt is not null),
                answers.Count(a => a.Group == g.Key && !a.Value.Skipped)))
            .ToList();
        return new ProgressSummary(participants.Count, participants.Count(p => p.FinishedAt is not null), byGroup);
    }

    public static IReadOnlyList<SectionCoverage> Coverage(FlowDefinition flow, IReadOnlyList<Answer> answers)
    {
        var sectionOf = flow.Questions.ToDictionary(q => q.Id, q => q.SectionId);
        return [.. flow.Sections.Select(section => new SectionCoverage(
            section.Id,
            section.Title,
            answers.Where(a => !a.Value.Skipped && sectionOf.GetValueOrDefault(a.QuestionId) == section.Id)
                .GroupBy(a => a.Group)
                .ToDictionary(g => g.Key, g => g.Count())))];
    }

    public static IReadOnlyDictionary<string, AnswerValue> AnswersOf(IReadOnlyList<Answer> answers, string participantKey) =>
        answers.Where(a => a.ParticipantKey == participantKey).ToDictionary(a => a.QuestionId, a => a.Value, StringComparer.Ordinal);

    public static DeliberationCard Card(Deliberation d, FlowDefinition flow, IReadOnlyList<Participant> participants, IReadOnlyList<Answer> answers) =>
        new(d.Id, d.Title, d.Description, flow.Id, flow.Title, flow.Questions.Count, d.Owners, d.Facilitator, d.Due, d.Anonymity, d.Status,
            Progress(flow, participants, answers));

    public static StatusReport Status(Deliberation d, FlowDefinition flow, IReadOnlyList<Participant> participants, IReadOnlyList<Answer> answers) =>
        new(d.Id, d.Title, d.Status, d.Due, Progress(flow, participants, answers), Coverage(flow, answers), 0, 0);

    public static bool IsRuleConcern(FlowDefinition flow, Answer answer) =>
        flow.FindQuestion(answer.QuestionId)?.RaisesConcern(answer.Value) ?? false;

    public static StakeholderGroup[] GroupsThatAnswered(IReadOnlyList<Answer> answers) => [.. answers.Select(a => a.Group).Distinct().Order()];
}
