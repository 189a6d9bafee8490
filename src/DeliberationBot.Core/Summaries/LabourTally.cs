using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Summaries;

/// <summary>
/// Added frontline labour: every number question whose unit is in minutes, as each stakeholder group's median and range
/// with its number of people, frontline workers first and set against the leaders' estimates. Never summed: a total of
/// minutes across people is not a cost per case, and it let a leader's low guess and a worker's high one average out.
/// </summary>
/// <remarks>
/// Labour figures are shown whatever a group's size (<see cref="SummaryAnswerSet.IsShown"/>). A number of minutes is not
/// an identifying answer the way free text is (no wording or detail to recognise a person by), and the point of asking
/// it is that the frontline figure reaches the people who decide: hiding the one caseworker's 20 minutes while showing
/// the director's 2 turned the finding upside down. The group's other anonymous answers stay withheld.
/// </remarks>
internal static class LabourTally
{
    private static readonly StakeholderGroup[] Leaders = [StakeholderGroup.AgencyLeader, StakeholderGroup.FrontlineLeader];

    /// <summary>Whether the comparison sentence gives this group's figure: frontline workers' and the leaders'.</summary>
    public static bool IsCompared(StakeholderGroup group) => group == StakeholderGroup.FrontlineWorker || Leaders.Contains(group);

    public static bool IsLabourQuestion(Question question) =>
        question.Kind == AnswerKind.Number && question.Unit is { } unit && unit.Contains("minute", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<LabourEstimate> Build(SummaryAnswerSet set) =>
        [.. set.Flow.Questions.Where(IsLabourQuestion).Select(q => Build(q, set)).OfType<LabourEstimate>()];

    private static LabourEstimate? Build(Question question, SummaryAnswerSet set)
    {
        var byGroup = set.ShownFor(question.Id).Where(a => a.Value.Number is not null)
            .GroupBy(a => a.Group)
            .OrderBy(g => g.Key == StakeholderGroup.FrontlineWorker ? 0 : 1).ThenBy(g => g.Key)
            .Select(g => new GroupLabour(g.Key, QuestionDigest.Stats(g.Select(a => a.Value.Number!.Value))!, [.. g.Select(a => a.Id)]))
            .ToList();
        return byGroup.Count == 0 ? null : new LabourEstimate(question.Id, question.SectionId, question.Text, question.Unit!, byGroup, Compare(byGroup, question.Unit!));
    }

    /// <summary>"Frontline workers: 20 minutes per case (median of 3 people, from 12 to 25); agency leaders estimate 2 minutes per case (1 person)."</summary>
    private static Statement Compare(IReadOnlyList<GroupLabour> byGroup, string unit)
    {
        var frontline = byGroup.FirstOrDefault(g => g.Group == StakeholderGroup.FrontlineWorker);
        var leaders = byGroup.Where(g => Leaders.Contains(g.Group)).ToList();
        var parts = new List<string> { frontline is null ? "No frontline worker has given a figure" : $"Frontline workers: {GroupWords.Figure(frontline.Stats, unit)}" };
        parts.AddRange(leaders.Count == 0
            ? ["no leader has given an estimate"]
            : leaders.Select(l => $"{GroupWords.Plural(l.Group)} estimate {GroupWords.Figure(l.Stats, unit)}"));
        var cites = (frontline is null ? leaders : [frontline, .. leaders]).SelectMany(g => g.Cites).Order(CitationIdComparer.Instance);
        return new Statement(string.Join("; ", parts) + ".", [.. cites], StatementOrigin.Rule);
    }
}
