using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Summaries;

/// <summary>Added frontline labour: every number question whose unit is in minutes, totalled overall and per group.</summary>
internal static class LabourTally
{
    public static bool IsLabourQuestion(Question question) =>
        question.Kind == AnswerKind.Number && question.Unit is { } unit && unit.Contains("minute", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<LabourEstimate> Build(SummaryAnswerSet set) =>
        [.. set.Flow.Questions.Where(IsLabourQuestion).Select(q => Build(q, set)).Where(e => e.All is not null || e.Withheld > 0)];

    private static LabourEstimate Build(Question question, SummaryAnswerSet set)
    {
        var shown = set.ShownFor(question.Id).Where(a => a.Value.Number is not null).ToList();
        var withheld = set.ForQuestion(question.Id).Count(a => a.Value.Number is not null && !set.IsShown(a));
        var byGroup = shown.GroupBy(a => a.Group).OrderBy(g => g.Key)
            .Select(g => new GroupLabour(g.Key, QuestionDigest.Stats(g.Select(a => a.Value.Number!.Value))!, [.. g.Select(a => a.Id)]))
            .ToList();
        return new LabourEstimate(question.Id, question.SectionId, question.Text, question.Unit!,
            QuestionDigest.Stats(shown.Select(a => a.Value.Number!.Value)), byGroup, withheld);
    }
}
