using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Deliberations;

/// <summary>Who has answered what, for a whole deliberation, by stakeholder group (never by name).</summary>
public static class Overview
{
    public static ProgressSummary Progress(DeliberationTally tally)
    {
        var byGroup = tally.Groups
            .OrderBy(g => g.Group)
            .Select(g => new GroupProgress(g.Group, g.Participants, g.Finished, tally.Answers.Where(a => a.Group == g.Group).Sum(a => a.Given)))
            .ToList();
        return new ProgressSummary(tally.Groups.Sum(g => g.Participants), tally.Groups.Sum(g => g.Finished), byGroup);
    }

    public static IReadOnlyList<SectionCoverage> Coverage(FlowDefinition flow, DeliberationTally tally)
    {
        var sectionOf = flow.Questions.ToDictionary(q => q.Id, q => q.SectionId);
        return [.. flow.Sections.Select(section => new SectionCoverage(
            section.Id,
            section.Title,
            tally.Answers.Where(a => sectionOf.GetValueOrDefault(a.QuestionId) == section.Id)
                .GroupBy(a => a.Group)
                .ToDictionary(g => g.Key, g => g.Sum(a => a.Given))))];
    }

    public static IReadOnlyDictionary<string, AnswerValue> AnswersOf(IReadOnlyList<Answer> answers, string participantKey) =>
        answers.Where(a => a.ParticipantKey == participantKey).ToDictionary(a => a.QuestionId, a => a.Value, StringComparer.Ordinal);

    public static DeliberationCard Card(Deliberation d, FlowDefinition flow, DeliberationTally tally) =>
        new(d.Id, d.Title, d.Description, flow.Id, flow.Title, flow.Questions.Count, d.Owners, d.Facilitator, d.Due, d.Anonymity, d.Status,
            Progress(tally)) { Decision = d.Decision, RepliesUnheard = d.RepliesUnheard };

    public static StatusReport Status(Deliberation d, FlowDefinition flow, DeliberationTally tally) =>
        new(d.Id, d.Title, d.Status, d.Due, Progress(tally), Coverage(flow, tally), 0, 0);

    public static bool IsRuleConcern(FlowDefinition flow, Answer answer) =>
        flow.FindQuestion(answer.QuestionId)?.RaisesConcern(answer.Value) ?? false;

    public static StakeholderGroup[] GroupsThatAnswered(IReadOnlyList<Answer> answers) => [.. answers.Select(a => a.Group).Distinct().Order()];
}
