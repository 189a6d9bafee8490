using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Summaries;

/// <summary>One question's answers by stakeholder group: counts, numbers, representative quotes and rule statements.</summary>
internal static class QuestionDigest
{
    /// <summary>How many answers in words a group gets quoted (besides its flagged concerns, which are all listed).</summary>
    public const int QuotesPerGroup = 2;

    /// <summary>The share of words in common under which the answer least like a group's quotes is quoted too.</summary>
    private const double DifferentBelow = 0.5;

    /// <summary>How many words of more than three letters an answer needs to be quoted as the one least like the rest.</summary>
    private const int SaysSomething = 2;

    public static QuestionSummary Build(Question question, SummaryAnswerSet set)
    {
        var answers = set.ForQuestion(question.Id);
        var groups = new List<GroupAnswers>();
        var statements = new List<Statement>();
        var ruleSaid = false;
        foreach (var byGroup in answers.GroupBy(a => a.Group).OrderBy(g => g.Key))
        {
            var all = byGroup.ToList();
            var shown = all.Where(a => !a.Value.Skipped && set.IsShown(a)).ToList();
            var group = ForGroup(question, all, shown, set.IsShownInWords);
            groups.Add(group);
            statements.AddRange(Statements(question, group, shown, ruleSaid));
            ruleSaid |= group.RuleConcerns > 0;
        }

        var concerns = answers.Where(a => a.FlaggedConcern && !a.Value.Skipped).Select(a => Quote(question, a)).ToList();
        return new QuestionSummary(question.Id, question.SectionId, question.TextWithScale, question.Kind, question.Unit, groups, concerns, statements);
    }

    public static QuotedAnswer Quote(Question question, SummaryAnswer answer) =>
        QuotedAnswer.Of(question, answer, SummaryAnswerSet.TextOf(question, answer.Value), question.RaisesConcern(answer.Value));

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
        return new NumberStats(list.Count, Round(median), list[0], list[^1]);
    }

    private static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>One group's answers to the question: all of them (skips included), and those shown (no skips).</summary>
    private static GroupAnswers ForGroup(Question question, List<SummaryAnswer> answers, List<SummaryAnswer> shown, Func<SummaryAnswer, bool> words)
    {
        var given = answers.Count(a => !a.Value.Skipped);
        var options = question.Kind is AnswerKind.FreeText or AnswerKind.Number ? [] : Options(question, shown);
        var numbers = Stats(shown.Select(a => a.Value.Number).OfType<decimal>());
        // Written answers are quoted, and a number or an option a typed reply gave with the person's words (not where
        // only the number may be shown: an anonymous labour figure of a small group).
        var inWords = shown.Where(a => !a.FlaggedConcern && a.Value.Text is not null && words(a)).ToList();
        var (alike, apart) = Quoted(inWords);
        var quotes = alike.Select(a => Quote(question, a)).ToList();
        return new GroupAnswers(
            answers[0].Group,
            given,
            answers.Count - given,
            given - shown.Count,
            options,
            numbers,
            quotes,
            apart is null ? null : Quote(question, apart),
            inWords.Count - quotes.Count - (apart is null ? 0 : 1),
            shown.Count(a => a.FlaggedConcern),
            shown.Count(a => question.RaisesConcern(a.Value)));
    }

    /// <summary>
    /// The options chosen, in the flow's order, each with the answers that chose it (in answer order). One pass over the
    /// answers: each answer's tokens are read once, not once per option. Scale answers are numbers; they count as the
    /// option of the same value too.
    /// </summary>
    private static List<OptionCount> Options(Question question, List<SummaryAnswer> shown)
    {
        var options = question.EffectiveOptions;
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var o = options.Count - 1; o >= 0; o--)
        {
            index[options[o].Id] = o;
        }

        var cites = new List<string>[options.Count];
        foreach (var answer in shown)
        {
            foreach (var token in answer.Value.ComparableTokens())
            {
                if (index.TryGetValue(token, out var o) && (cites[o] ??= []) is var list && (list.Count == 0 || list[^1] != answer.Id))
                {
                    list.Add(answer.Id);
                }
            }
        }

        return [.. options.Select((o, i) => (Option: o, Cites: cites[i])).Where(x => x.Cites is { Count: > 0 }).Select(x => new OptionCount(x.Option.Id, x.Option.Label, x.Cites.Count, x.Cites))];
    }

    /// <summary>
    /// The answers quoted for a group: the two most like the others (by shared words), so a quote stands for more than
    /// one person; and, when more were written, the one least like them, so a view only one person holds is read, not
    /// only counted: when it says something (at least two words of more than three letters: "idk", "No." or "Not
    /// sure" is not a view of its own) and shares less than half its words with each of the two (else it says what they say). Ties go
    /// to the lower citation id; every quote is an answer's own text, and no text is quoted twice.
    /// </summary>
    private static (IReadOnlyList<SummaryAnswer> Alike, SummaryAnswer? Apart) Quoted(List<SummaryAnswer> answers)
    {
        if (answers.Count <= QuotesPerGroup && answers.DistinctBy(a => a.Value.Text!.Trim(), StringComparer.OrdinalIgnoreCase).Count() == answers.Count)
        {
            return (answers, null);
        }

        var overlap = WordOverlap.Of([.. answers.Select(a => a.Value.Text!)]);
        var ranked = answers
            .Select((a, i) => (Answer: a, Index: i, Score: overlap.Scored[i]))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Answer, AnswerOrder.Instance)
            .DistinctBy(x => x.Answer.Value.Text!.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToList();
        var alike = ranked.Take(QuotesPerGroup).OrderBy(x => x.Answer, AnswerOrder.Instance).ToList();
        var candidates = ranked.Skip(QuotesPerGroup).Where(x => overlap.ContentWords(x.Index) >= SaysSomething).ToList();
        SummaryAnswer? apart = null;
        if (candidates.Count > 0 && candidates.MinBy(x => x.Score) is var least && alike.All(a => overlap.Similarity(a.Index, least.Index) < DifferentBelow))
        {
            apart = least.Answer;
        }

        return ([.. alike.Select(x => x.Answer)], apart);
    }

    /// <param name="ruleSaid">Whether an earlier group's statement already said what the question's concern rule is: it is said once.</param>
    private static IEnumerable<Statement> Statements(Question question, GroupAnswers group, List<SummaryAnswer> shown, bool ruleSaid)
    {
        var plural = GroupWords.Capitalised(GroupWords.Plural(group.Group));
        var shownIds = shown.Select(a => a.Id).ToList();
        // A number's figure is on its group's line wherever the question is shown; a scale's is said here, since the
        // page shows a scale as a chart of its ratings.
        if (question.Kind == AnswerKind.Scale && group.Numbers is { Count: >= 2 } n)
        {
            var scale = question.LowLabel is not null && question.HighLabel is not null
                ? $" on a scale from {AnswerKinds.ScaleMin} ({question.LowLabel}) to {AnswerKinds.ScaleMax} ({question.HighLabel})"
                : "";
            yield return new Statement(
                $"{GroupWords.Possessive(plural)} median answer is {GroupWords.Number(n.Median)}{scale} ({GroupWords.Count(n.Count, "answer")}, from {GroupWords.Number(n.Min)} to {GroupWords.Number(n.Max)}).",
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
            var raising = shown.Where(a => question.RaisesConcern(a.Value)).Select(a => a.Id).ToList();
            var rule = ruleSaid ? "it too" : $"this question's concern rule ({question.ConcernWhen!.Describe(question)})";
            yield return new Statement(
                $"{raising.Count} of {GroupWords.Count(group.Shown, "shown answer")} from {GroupWords.Plural(group.Group)} {(raising.Count == 1 ? "meets" : "meet")} {rule}.",
                raising, StatementOrigin.Rule);
        }
    }
}
