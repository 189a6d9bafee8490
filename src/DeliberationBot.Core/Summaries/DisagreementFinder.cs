using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Summaries;

/// <summary>
/// Questions where stakeholder groups answered differently, from shown answers only (so a withheld answer cannot be
/// worked out from a position). Numbers and scales: group medians far apart (the figure every part of the summary gives
/// for a group, so a leader reads one number for it, not an average here and a median there). Single choices and
/// yes/no/unsure: groups whose majorities chose different options. Free text and multiple choice are left to people (or
/// a model).
/// </summary>
internal static class DisagreementFinder
{
    /// <summary>Scale medians (1 to 5) at least this far apart.</summary>
    public const decimal ScaleGap = 1.5m;

    /// <summary>Number medians differ by at least half of the larger one, and by at least this much.</summary>
    public const decimal NumberFloor = 2m;

    public static IReadOnlyList<Disagreement> Find(SummaryAnswerSet set) =>
        [.. set.Flow.Questions.Select(q => Find(q, set)).OfType<Disagreement>()];

    private static Disagreement? Find(Question question, SummaryAnswerSet set)
    {
        var byGroup = set.ShownFor(question.Id).GroupBy(a => a.Group).OrderBy(g => g.Key).ToList();
        if (byGroup.Count < 2)
        {
            return null;
        }

        return question.Kind switch
        {
            AnswerKind.Number or AnswerKind.Scale => ByNumbers(question, byGroup),
            AnswerKind.SingleChoice or AnswerKind.YesNoUnsure => ByMajority(question, byGroup),
            _ => null,
        };
    }

    private static Disagreement? ByNumbers(Question question, List<IGrouping<Stakeholders.StakeholderGroup, SummaryAnswer>> byGroup)
    {
        var positions = byGroup
            .Select(g => (Group: g.Key, Answers: g.Where(a => a.Value.Number is not null).ToList()))
            .Where(g => g.Answers.Count > 0)
            .Select(g =>
            {
                var stats = QuestionDigest.Stats(g.Answers.Select(a => a.Value.Number!.Value))!;
                return new GroupPosition(g.Group, stats.Count, GroupWords.Figure(stats, question.Unit), stats.Median, null, [.. g.Answers.Select(a => a.Id)]);
            })
            .ToList();
        if (positions.Count < 2)
        {
            return null;
        }

        var low = positions.MinBy(p => p.Median)!;
        var high = positions.MaxBy(p => p.Median)!;
        var gap = high.Median!.Value - low.Median!.Value;
        var far = question.Kind == AnswerKind.Scale ? gap >= ScaleGap : gap >= NumberFloor && gap * 2 >= Math.Abs(high.Median.Value);
        if (!far)
        {
            return null;
        }

        var text = $"{GroupWords.Capitalised(GroupWords.Plural(low.Group))}: {low.Position}; {GroupWords.Plural(high.Group)}: {high.Position}.";
        return new Disagreement(question.Id, question.SectionId, question.TextWithScale, DisagreementKind.Numbers, positions,
            new Statement(text, [.. low.Cites.Concat(high.Cites).Order(CitationIdComparer.Instance)], StatementOrigin.Rule));
    }

    private static Disagreement? ByMajority(Question question, List<IGrouping<Stakeholders.StakeholderGroup, SummaryAnswer>> byGroup)
    {
        var positions = byGroup.Select(g =>
        {
            var answers = g.ToList();
            var counts = question.EffectiveOptions
                .Select(o => (Option: o, Ids: answers.Where(a => a.Value.Choices.Contains(o.Id, StringComparer.OrdinalIgnoreCase)).Select(a => a.Id).ToList()))
                .Where(x => x.Ids.Count > 0)
                .ToList();
            var majority = counts.FirstOrDefault(x => x.Ids.Count * 2 > answers.Count);
            return majority.Option is { } option
                ? new GroupPosition(g.Key, answers.Count, $"\"{option.Label}\" ({majority.Ids.Count} of {answers.Count})", null, option.Id, majority.Ids)
                : new GroupPosition(g.Key, answers.Count, "split: " + string.Join(", ", counts.Select(x => $"\"{x.Option.Label}\" {x.Ids.Count}")), null, null,
                    [.. answers.Select(a => a.Id)]);
        }).ToList();

        var decided = positions.Where(p => p.OptionId is not null).ToList();
        if (decided.Select(p => p.OptionId).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            return null;
        }

        var text = string.Join("; ", decided.Select((p, i) =>
        {
            var who = GroupWords.Plural(p.Group);
            var verb = p.Answers == 1 ? "answered" : p.Cites.Count == p.Answers ? "all answered" : "mostly answered";
            return $"{(i == 0 ? GroupWords.Capitalised(who) : who)} {verb} {p.Position}";
        })) + ".";
        return new Disagreement(question.Id, question.SectionId, question.TextWithScale, DisagreementKind.Majority, positions,
            new Statement(text, [.. decided.SelectMany(p => p.Cites).Order(CitationIdComparer.Instance)], StatementOrigin.Rule));
    }
}
