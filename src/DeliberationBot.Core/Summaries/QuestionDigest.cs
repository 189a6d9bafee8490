using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Summaries;

/// <summary>One question's answers by stakeholder group: counts, numbers, representative quotes and rule statements.</summary>
internal static class QuestionDigest
{
    /// <summary>How many free-text answers a group gets quoted (besides its flagged concerns, which are all listed).</summary>
    public const int QuotesPerGroup = 2;

    public static QuestionSummary Build(Question question, SummaryAnswerSet set)
    {
        var answers = set.ForQuestion(question.Id);
        var groups = answers.GroupBy(a => a.Group).OrderBy(g => g.Key).Select(g => ForGroup(question, g.ToList(), set)).ToList();
        var concerns = answers.Where(a => a.FlaggedConcern && !a.Value.Skipped).Select(a => Quote(question, a)).ToList();
        var statements = groups.SelectMany(g => Statements(question, g, set)).ToList();
        return new QuestionSummary(question.Id, question.SectionId, question.Text, question.Kind, question.Unit, groups, concerns, statements);
    }

    public static QuotedAnswer Quote(Question question, SummaryAnswer answer) =>
        new(answer.Id, answer.Group, SummaryAnswerSet.TextOf(question, answer.Value), answer.FlaggedConcern, question.RaisesConcern(answer.Value));

    public static NumberStats? Stats(IEnumerable<decimal> numbers)
    {
        var list = numbers.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        list.Sort();
        var middle = list.Count / 2;
        var median = list.Count % 2 == 1 ? list[middle] : (list[middle - 1] + list[middle]) / 2;
        return new NumberStats(list.Count, Round(list.Sum() / list.Count), Round(median), list[0], list[^1]);
    }

    private static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    private static GroupAnswers ForGroup(Question question, List<SummaryAnswer> answers, SummaryAnswerSet set)
    {
        var given = answers.Where(a => !a.Value.Skipped).ToList();
        var shown = given.Where(set.IsShown).ToList();
        var options = question.Kind is AnswerKind.FreeText or AnswerKind.Number
            ? []
            : question.EffectiveOptions
                .Select(o => new OptionCount(o.Id, o.Label, 0, [.. shown.Where(a => Chose(a.Value, o.Id)).Select(a => a.Id)]))
                .Select(o => o with { Count = o.Cites.Count })
                .Where(o => o.Count > 0)
                .ToList();
        var numbers = Stats(shown.Select(a => a.Value.Number).OfType<decimal>());
        var quotes = question.Kind == AnswerKind.FreeText
            ? Representative(shown.Where(a => !a.FlaggedConcern && a.Value.Text is not null).ToList()).Select(a => Quote(question, a)).ToList()
            : [];
        return new GroupAnswers(
            answers[0].Group,
            given.Count,
            answers.Count - given.Count,
            given.Count - shown.Count,
            options,
            numbers,
            quotes,
            shown.Count(a => a.FlaggedConcern),
            shown.Count(a => question.RaisesConcern(a.Value)));
    }

    /// <summary>Scale answers are numbers; they count as the option of the same value too.</summary>
    private static bool Chose(AnswerValue value, string optionId) => value.ComparableTokens().Contains(optionId, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The answers most like the others of the group (by shared words), so a quote stands for more than one person;
    /// ties go to the lower citation id. Every quote is an answer's own text.
    /// </summary>
    private static IEnumerable<SummaryAnswer> Representative(List<SummaryAnswer> answers)
    {
        if (answers.Count <= QuotesPerGroup && answers.DistinctBy(a => a.Value.Text!.Trim(), StringComparer.OrdinalIgnoreCase).Count() == answers.Count)
        {
            return answers;
        }

        var words = answers.Select(a => Words(a.Value.Text!)).ToList();
        return answers
            .Select((a, i) => (Answer: a, Score: words.Where((_, j) => j != i).Sum(other => Similarity(words[i], other))))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Answer, AnswerOrder.Instance)
            .Select(x => x.Answer)
            .DistinctBy(a => a.Value.Text!.Trim(), StringComparer.OrdinalIgnoreCase)
            .Take(QuotesPerGroup)
            .Order(AnswerOrder.Instance);
    }

    private static HashSet<string> Words(string text) =>
        [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsLetterOrDigit)]).ToLowerInvariant())
            .Where(w => w.Length > 3)];

    private static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        var union = a.Count + b.Count - a.Count(b.Contains);
        return union == 0 ? 0 : (double)a.Count(b.Contains) / union;
    }

    private static IEnumerable<Statement> Statements(Question question, GroupAnswers group, SummaryAnswerSet set)
    {
        var plural = GroupWords.Capitalised(GroupWords.Plural(group.Group));
        var shownIds = set.ShownFor(question.Id).Where(a => a.Group == group.Group).Select(a => a.Id).ToList();
        if (group.Numbers is { Count: >= 2 } n)
        {
            var scale = question.Kind == AnswerKind.Scale && question.LowLabel is not null && question.HighLabel is not null
                ? $" on a scale from {AnswerKinds.ScaleMin} ({question.LowLabel}) to {AnswerKinds.ScaleMax} ({question.HighLabel})"
                : "";
            yield return new Statement(
                $"{GroupWords.Possessive(plural)} answers average {GroupWords.WithUnit(n.Mean, question.Unit)}{scale} ({GroupWords.Count(n.Count, "answer")}, from {GroupWords.Number(n.Min)} to {GroupWords.Number(n.Max)}).",
                shownIds, StatementOrigin.Rule);
        }
        else if (question.Kind is AnswerKind.SingleChoice or AnswerKind.YesNoUnsure or AnswerKind.MultipleChoice && group.Shown >= 2
            && group.Options.FirstOrDefault(o => o.Count * 2 > group.Shown) is { } majority)
        {
            var verb = question.Kind == AnswerKind.MultipleChoice ? "chose" : "answered";
            yield return new Statement($"Most {GroupWords.Plural(group.Group)} ({majority.Count} of {group.Shown}) {verb} \"{majority.Label}\".", majority.Cites, StatementOrigin.Rule);
        }

        if (group.RuleConcerns > 0)
        {
            var raising = set.ShownFor(question.Id).Where(a => a.Group == group.Group && question.RaisesConcern(a.Value)).Select(a => a.Id).ToList();
            yield return new Statement(
                $"{raising.Count} of {GroupWords.Count(group.Shown, "shown answer")} from {GroupWords.Plural(group.Group)} {(raising.Count == 1 ? "meets" : "meet")} this question's concern rule ({question.ConcernWhen!.Describe()}).",
                raising, StatementOrigin.Rule);
        }
    }
}
