using System.Text;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Summaries;

/// <summary>
/// A summary as plain text, for the console demo and logs. Disagreements come first; flagged concerns are listed under
/// their question before anything a model wrote; model sentences and suggestions are marked as such.
/// </summary>
public static class SummaryText
{
    public static string Render(DeliberationSummary summary)
    {
        var text = new StringBuilder();
        text.AppendLine($"Summary of \"{summary.Title}\" (flow {summary.FlowId})");
        text.AppendLine(SourceLine(summary));
        text.AppendLine(CountsLine(summary));

        text.AppendLine().AppendLine("WHERE GROUPS DISAGREE");
        if (summary.Disagreements.Count == 0)
        {
            text.AppendLine("- No question where groups clearly answered differently.");
        }

        foreach (var d in summary.Disagreements)
        {
            text.AppendLine($"- {d.QuestionText}");
            text.AppendLine($"  {d.Statement.Text} {Cites(d.Statement.Cites)}");
        }

        RenderVoices(text, summary.VoicesHeard);
        RenderLabour(text, summary.AddedLabour);

        foreach (var section in summary.Sections)
        {
            text.AppendLine().AppendLine(section.Title.ToUpperInvariant());
            foreach (var question in section.Questions)
            {
                RenderQuestion(text, question, summary.MinGroupSize);
            }
        }

        if (summary.SuggestedConcerns.Count > 0)
        {
            text.AppendLine().AppendLine("SUGGESTED CONCERNS (suggested by the AI, not raised by anyone; a facilitator must confirm them)");
            foreach (var s in summary.SuggestedConcerns)
            {
                text.AppendLine($"- [suggested] {s.Text} {Cites(s.Cites)}");
            }
        }

        return text.ToString();
    }

    /// <summary>How many people and answers it rests on, and which answers it leaves out to keep people unidentifiable.</summary>
    public static string CountsLine(DeliberationSummary summary) =>
        $"{GroupWords.Count(summary.Participants, "participant")}, {GroupWords.Count(summary.Answers, "answer")}. {ShownRule(summary.MinGroupSize)}";

    /// <summary>Which anonymous answers a summary shows (<see cref="SummaryAnswerSet"/>), as a reader is told it.</summary>
    public static string ShownRule(int minGroupSize) =>
        $"Anonymous answers of a group are shown once at least {minGroupSize} people in it have answered anonymously; flagged concerns and labour figures always are.";

    /// <summary>Where the summary comes from, and for a model's, how much of what it wrote was left out and why.</summary>
    public static string SourceLine(DeliberationSummary summary) => summary.Source switch
    {
        SummarySource.Model => "AI-assisted summary: counts, quotes and flagged concerns come from the answers; sentences marked (AI) were written by a model. " + DroppedLine(summary),
        SummarySource.OfflineFallback => $"The AI summary was unavailable ({summary.FallbackReason}); this is the offline summary.",
        _ => "Offline summary: counts, quotes and flagged concerns come straight from the answers.",
    };

    /// <summary>"2 AI statements and 1 suggestion were left out: …", or that nothing was.</summary>
    public static string DroppedLine(DeliberationSummary summary)
    {
        var dropped = new List<string>();
        if (summary.DroppedStatements > 0)
        {
            dropped.Add(GroupWords.Count(summary.DroppedStatements, "AI statement"));
        }

        if (summary.DroppedSuggestions > 0)
        {
            dropped.Add(GroupWords.Count(summary.DroppedSuggestions, "AI suggestion"));
        }

        return dropped.Count == 0
            ? "Every AI statement quotes an answer it cites, word for word."
            : $"{string.Join(" and ", dropped)} {(summary.DroppedStatements + summary.DroppedSuggestions == 1 ? "was" : "were")} left out: " +
              $"they did not quote, word for word, at least {VerbatimQuote.MinWords} words of an answer they cite, or they contradicted the record.";
    }

    private static void RenderVoices(StringBuilder text, VoicesHeard voices)
    {
        text.AppendLine().AppendLine(VoicesHeading).Append(VoicesGrid(voices));
        foreach (var line in VoicesGaps(voices))
        {
            text.AppendLine(line);
        }
    }

    public const string VoicesHeading = "VOICES HEARD (participants who answered / answers, per section)";

    /// <summary>The sections' legend and a row per group, in columns that line up in a fixed-width font.</summary>
    public static string VoicesGrid(VoicesHeard voices)
    {
        var text = new StringBuilder();
        for (var i = 0; i < voices.Sections.Count; i++)
        {
            text.AppendLine($"  S{i + 1} = {voices.Sections[i].Title}");
        }

        const int labelWidth = 30;
        text.Append(' ', labelWidth).AppendLine(string.Concat(voices.Sections.Select((_, i) => $"S{i + 1}".PadLeft(8))));
        foreach (var row in voices.Rows)
        {
            text.Append(row.Group.Label().PadRight(labelWidth));
            text.AppendLine(string.Concat(row.Cells.Select(c => (c.Answers == 0 ? (c.Asked ? "0" : "-") : $"{c.Participants}/{c.Answers}").PadLeft(8))));
        }

        return text.ToString();
    }

    /// <summary>The groups that were expected and not heard, or that every one was.</summary>
    public static IEnumerable<string> VoicesGaps(VoicesHeard voices) =>
        voices.Gaps.Count == 0
            ? ["Every group that was expected has answered every section meant for it."]
            : ["Gaps:", .. voices.Gaps.Select(gap => $"- {gap.Text}")];

    private static void RenderLabour(StringBuilder text, IReadOnlyList<LabourEstimate> labour)
    {
        if (labour.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("ADDED FRONTLINE LABOUR (per stakeholder group, never summed across people)");
        foreach (var estimate in labour)
        {
            text.AppendLine($"- {estimate.QuestionText}");
            text.AppendLine($"  {estimate.Comparison.Text} {Cites(estimate.Comparison.Cites)}");
            foreach (var group in estimate.OtherGroups)
            {
                text.AppendLine($"  {group.Group.Label()}: {GroupWords.Figure(group.Stats, estimate.Unit)} {Cites(group.Cites)}");
            }
        }
    }

    /// <summary>
    /// A person's words over several lines, their later lines indented under the first so the quote reads as one (and a
    /// blank line inside it does not end the summary's paragraph).
    /// </summary>
    private static string Indented(string words, int indent) =>
        words.Contains('\n', StringComparison.Ordinal) || words.Contains('\r', StringComparison.Ordinal)
            ? words.ReplaceLineEndings("\n" + new string(' ', indent))
            : words;

    private static void RenderQuestion(StringBuilder text, QuestionSummary question, int minGroupSize)
    {
        text.AppendLine().AppendLine($"Q: {question.Text}");
        if (question.Concerns.Count > 0)
        {
            text.AppendLine("  Flagged as concerns:");
            foreach (var concern in question.Concerns)
            {
                text.AppendLine($"  ! \"{Indented(concern.Text, 5)}\" ({concern.By}) [{concern.AnswerId}]");
            }
        }

        foreach (var group in question.Groups)
        {
            text.AppendLine($"  {GroupLine(question, group)}");
            if (group.Withheld > 0)
            {
                text.AppendLine($"    {WithheldLine(group, minGroupSize)}");
            }

            foreach (var quote in group.Quotes)
            {
                text.AppendLine($"    \"{Indented(quote.Text, 5)}\"{AnsweredNote(quote)} [{quote.AnswerId}]");
            }

            if (group.LeastAlike is { } apart)
            {
                text.AppendLine($"    {LeastAlikeLabel} \"{Indented(apart.Text, 5 + LeastAlikeLabel.Length + 1)}\"{AnsweredNote(apart)} [{apart.AnswerId}]");
            }

            if (group.Unquoted > 0)
            {
                text.AppendLine($"    {UnquotedLine(group)}");
            }
        }

        foreach (var statement in question.Statements)
        {
            var mark = statement.Origin == StatementOrigin.Model ? "(AI) " : "";
            text.AppendLine($"  * {mark}{statement.Text} {Cites(statement.Cites)}".TrimEnd());
        }
    }

    /// <summary>
    /// A group's line under a question, for every platform: how many answered and what they chose, their numbers, the
    /// skips, and how many of their answers were flagged (listed above it). "Frontline worker (3 answered): No 2; Not sure 1".
    /// </summary>
    public static string GroupLine(QuestionSummary question, GroupAnswers group)
    {
        var detail = new List<string>();
        if (question.Kind == Flows.AnswerKind.Scale && group.Options.Count > 0)
        {
            detail.Add("ratings " + string.Join(", ", group.Options.Select(o => $"{o.Label}×{o.Count}")));
        }
        else if (question.Kind != Flows.AnswerKind.Scale)
        {
            detail.AddRange(group.Options.Select(o => $"{o.Label} {o.Count}"));
        }

        if (group.Numbers is { } n && GroupWords.Numbers(n, question.Kind, question.Unit) is { } numbers)
        {
            detail.Add(numbers);
        }

        if (group.Skipped > 0)
        {
            detail.Add($"{group.Skipped} skipped");
        }

        if (group.FlaggedConcerns > 0)
        {
            detail.Add(group.FlaggedConcerns == 1 ? "1 flagged as a concern, above" : $"{group.FlaggedConcerns} flagged as concerns, above");
        }

        return $"{group.Group.Label()} ({group.Answered} answered): {string.Join("; ", detail)}".TrimEnd(' ', ':');
    }

    /// <summary>Why some of a group's answers are not shown: "2 anonymous answers not shown: fewer than 3 people …".</summary>
    public static string WithheldLine(GroupAnswers group, int minGroupSize) =>
        $"{GroupWords.Count(group.Withheld, "anonymous answer")} not shown: fewer than {minGroupSize} people in this group have answered anonymously.";

    /// <summary>Said before the quote of the group's answer least like the others, so it is not read as what most said.</summary>
    public const string LeastAlikeLabel = "Least like the others:";

    /// <summary>That the quotes are not all the group said: "2 more answers in their own words, in the whole record."</summary>
    public static string UnquotedLine(GroupAnswers group) =>
        $"{GroupWords.Capitalised(GroupWords.Count(group.Unquoted, "more answer"))} in their own words, in the whole record.";

    /// <summary>Above the answers a suggested concern cites, as the summary may quote them.</summary>
    public const string RestingOnHeading = "The answers it cites:";

    /// <summary>One answer a suggested concern cites, as the summary quotes answers: its words, its group, its id.</summary>
    public static string RestingOn(QuotedAnswer quote, char open = '\u201C', char close = '\u201D') =>
        $"{open}{quote.Text}{close} — {quote.By} [{quote.AnswerId}]";

    /// <summary>
    /// After a quote under its group's line, which names the group: nothing, or for words given with an option or a
    /// number, what the person chose (" — answered 2"), which the quotation marks leave out.
    /// </summary>
    public static string AnsweredNote(QuotedAnswer quote) => quote.Answered is { } answered ? " — answered " + answered : "";

    /// <summary>The answers a line rests on, by citation id ("[A1, A4]"), or nothing.</summary>
    public static string Cites(IReadOnlyList<string> cites) => cites.Count == 0 ? "" : $"[{string.Join(", ", cites)}]";
}
