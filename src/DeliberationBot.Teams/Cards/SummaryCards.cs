using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Teams.Cards;

/// <summary>
/// A deliberation's summary as a card: the key parts in the order a decision-maker needs them (where the summary comes
/// from, where groups disagree, whose voices are missing, the added frontline labour, then the flagged concerns under
/// their questions, what each group said to each question and the AI's suggestions, marked as such), every quote in full. Every answer is in the exported
/// record; a long summary is sent as several cards (<see cref="CardPager"/>), never cut.
/// </summary>
internal static class SummaryCards
{
    private const int MaxCites = 8;

    public static CardLayout Summary(SummaryReport report)
    {
        var s = report.Summary;
        var head = new List<JsonNode?>
        {
            Card.Text("Summary", subtle: true, weight: "Bolder", color: "Accent"),
            Card.Heading(CardText.Escape(report.Title)),
            Card.Text($"{GroupWords.Count(s.Participants, "participant")}, {GroupWords.Count(s.Answers, "answer")} · flow {CardText.Escape(s.FlowId)}", subtle: true, spacing: "None"),
            Card.Text(CardText.Escape(SummaryText.SourceLine(s)), color: s.Source == SummarySource.Offline ? null : "Warning"),
            Card.Text(CardText.Escape(SummaryText.ShownRule(s.MinGroupSize)), subtle: true, spacing: "None"),
        };
        var parts = Disagreements(s).Concat(Voices(s.VoicesHeard)).Concat(Labour(s.AddedLabour)).Concat(Concerns(s)).Concat(Answers(s))
            .Concat(report.Suggestions.Count > 0 ? Numbered(report) : Suggestions(s.SuggestedConcerns))
            .Append([Card.Text("The whole record, every answer by question, comes with **export**.", subtle: true, spacing: "Large")]);
        return new CardLayout(head, [.. parts], $"Summary of {CardText.Escape(report.Title)} (continued)");
    }

    private static IEnumerable<IReadOnlyList<JsonNode?>> Disagreements(DeliberationSummary s)
    {
        var heading = Card.Separator(Card.Label("Where groups disagree"));
        if (s.Disagreements.Count == 0)
        {
            yield return [heading, Card.Text("No question where groups clearly answered differently.", spacing: "None")];
            yield break;
        }

        foreach (var (d, i) in s.Disagreements.Select((d, i) => (d, i)))
        {
            yield return
            [
                i == 0 ? heading : null,
                Card.Text($"**{CardText.Escape(d.QuestionText)}**", spacing: "Small"),
                Card.Text(Said(d.Statement), spacing: "None"),
            ];
        }
    }

    private static IEnumerable<IReadOnlyList<JsonNode?>> Voices(VoicesHeard voices)
    {
        var lines = new List<JsonNode?> { Card.Separator(Card.Label("Voices heard")) };
        lines.AddRange(voices.Gaps.Count == 0
            ? [Card.Text("Every group that was expected has answered every section meant for it.", spacing: "None")]
            : voices.Gaps.Select(g => (JsonNode?)Card.Text("• " + CardText.Escape(g.Text), spacing: "None")));
        if (voices.Rows.Count > 0)
        {
            lines.Add(Card.Facts(voices.Rows.Select(r => (CardText.Escape(r.Group.Label()), Coverage(r)))));
        }

        yield return lines;
    }

    private static string Coverage(VoicesHeardRow row)
    {
        var asked = row.Cells.Count(c => c.Asked);
        var answered = row.Cells.Count(c => c.Asked && c.Answers > 0);
        var who = GroupWords.Count(row.Participants, "participant");
        return asked == 0 ? $"{who}; no section is meant for them" : $"{who}; answered {answered} of the {GroupWords.Count(asked, "section")} meant for them";
    }

    private static IEnumerable<IReadOnlyList<JsonNode?>> Labour(IReadOnlyList<LabourEstimate> labour)
    {
        foreach (var (e, i) in labour.Select((e, i) => (e, i)))
        {
            yield return
            [
                i == 0 ? Card.Separator(Card.Label("Added frontline labour, per group")) : null,
                Card.Text($"**{CardText.Escape(e.QuestionText)}**", spacing: "Small"),
                Card.Text(CardText.Escape(e.Comparison.Text) + Cites(e.Comparison.Cites), spacing: "None"),
                e.OtherGroups.Any() ? Card.Facts(e.OtherGroups.Select(g => (CardText.Escape(g.Group.Label()), CardText.Escape(GroupWords.Figure(g.Stats, e.Unit))))) : null,
            ];
        }
    }

    /// <summary>
    /// Flagged concerns under their question, word for word: one part per concern (the first with its question, and its
    /// section's title before the section's first), so a long list is cut between two concerns rather than before a question.
    /// </summary>
    private static IEnumerable<IReadOnlyList<JsonNode?>> Concerns(DeliberationSummary s)
    {
        var heading = Card.Separator(Card.Label("Flagged concerns"));
        var first = true;
        foreach (var section in s.Sections)
        {
            var sectionShown = false;
            foreach (var q in section.Questions.Where(q => q.Concerns.Count > 0))
            {
                var lines = q.Concerns.Select(c => (JsonNode?)Card.Text($"“{CardText.Escape(c.Text)}” — {CardText.Escape(c.By)}{Cites([c.AnswerId])}", spacing: "None")).ToList();

                yield return
                [
                    first ? heading : null,
                    sectionShown ? null : Card.Text(CardText.Escape(section.Title), subtle: true, weight: "Bolder", spacing: "Medium"),
                    Card.Text($"**{CardText.Escape(q.Text)}**", spacing: "Small"),
                    lines[0],
                ];
                foreach (var line in lines.Skip(1))
                {
                    yield return [line];
                }

                first = false;
                sectionShown = true;
            }
        }

        if (first)
        {
            yield return [heading, Card.Text("Nobody flagged an answer as a concern.", spacing: "None")];
        }
    }

    /// <summary>
    /// What each group said to each question, as the summary in Slack and in text gives it: the group's line, its quotes
    /// word for word, and the question's statements. One part per group, so a long summary is cut between two groups.
    /// </summary>
    private static IEnumerable<IReadOnlyList<JsonNode?>> Answers(DeliberationSummary s)
    {
        var heading = Card.Separator(Card.Label("What each group said"));
        var first = true;
        foreach (var section in s.Sections.Where(section => section.Questions.Any(q => q.Groups.Count > 0)))
        {
            var sectionShown = false;
            foreach (var q in section.Questions.Where(q => q.Groups.Count > 0))
            {
                foreach (var (g, i) in q.Groups.Select((g, i) => (g, i)))
                {
                    yield return
                    [
                        first ? heading : null,
                        sectionShown ? null : Card.Text(CardText.Escape(section.Title), subtle: true, weight: "Bolder", spacing: "Medium"),
                        i == 0 ? Card.Text($"**{CardText.Escape(q.Text)}**", spacing: "Small") : null,
                        Card.Text(CardText.Escape(SummaryText.GroupLine(q, g)), spacing: "None"),
                        g.Withheld > 0 ? Card.Text(CardText.Escape(SummaryText.WithheldLine(g, s.MinGroupSize)), subtle: true, spacing: "None") : null,
                        .. g.Quotes.Select(quote => Card.Text($"“{CardText.Escape(quote.Text)}”{CardText.Escape(SummaryText.AnsweredNote(quote))}{Cites([quote.AnswerId])}", spacing: "None")),
                        g.LeastAlike is { } apart
                            ? Card.Text($"{CardText.Escape(SummaryText.LeastAlikeLabel)} “{CardText.Escape(apart.Text)}”{CardText.Escape(SummaryText.AnsweredNote(apart))}{Cites([apart.AnswerId])}", spacing: "None")
                            : null,
                        g.Unquoted > 0 ? Card.Text(CardText.Escape(SummaryText.UnquotedLine(g)), subtle: true, spacing: "None") : null,
                    ];
                    first = false;
                    sectionShown = true;
                }

                if (q.Statements.Count > 0)
                {
                    yield return [.. q.Statements.Select(st => Card.Text(Said(st), spacing: "None"))];
                }
            }
        }
    }

    private static IEnumerable<IReadOnlyList<JsonNode?>> Suggestions(IReadOnlyList<SuggestedConcern> suggested)
    {
        foreach (var (c, i) in suggested.Select((c, i) => (c, i)))
        {
            yield return
            [
                i == 0 ? Card.Separator(Card.Label("Suggested by the AI")) : null,
                i == 0 ? Card.Text("Not raised by anyone: a facilitator must confirm them before they count as concerns.", subtle: true, spacing: "None") : null,
                Card.Text(@"\[suggested\] " + CardText.Escape(c.Text) + Cites(c.Cites), spacing: "Small"),
            ];
        }
    }

    /// <summary>Kept suggestions, numbered (S1, S2…), each with Confirm and Dismiss for the facilitator while still open.</summary>
    private static IEnumerable<IReadOnlyList<JsonNode?>> Numbered(SummaryReport report)
    {
        foreach (var (c, i) in report.Suggestions.Select((c, i) => (c, i)))
        {
            var open = c.Status == SuggestionStatus.Suggested;
            JsonObject Button(string title, bool confirm) => Card.Execute(title, CardVerbs.Suggestion, Card.Data(
                (CardVerbs.DeliberationField, report.DeliberationId.ToString()),
                (CardVerbs.SuggestionField, c.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                (CardVerbs.ConfirmField, confirm ? "true" : "false")), style: confirm ? "positive" : null, withInputs: false);
            yield return
            [
                i == 0 ? Card.Separator(Card.Label("Suggested by the AI")) : null,
                i == 0 ? Card.Text("Not raised by anyone: the facilitator confirms or dismisses each (or types **confirm S1** / **dismiss S1**).", subtle: true, spacing: "None") : null,
                Card.Text($"**{CardText.Escape(c.Label)}** {CardText.Escape(c.Text)}{Cites(c.Cites)}{(open ? "" : $" · {CardText.Escape(c.Status.ToString().ToLowerInvariant())}")}", spacing: "Small"),
                .. open && report.QuotesFor(c) is [_, ..] quotes
                    ? [Card.Text(CardText.Escape(SummaryText.RestingOnHeading), subtle: true, spacing: "Small"), .. quotes.Select(q => Card.Text(CardText.Escape(SummaryText.RestingOn(q)), spacing: "None"))]
                    : Array.Empty<JsonNode?>(),
                open ? new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(Button("Confirm as a concern", true), Button("Dismiss", false)) } : null,
            ];
        }
    }

    /// <summary>A statement with the answers it rests on, marked (AI) where a model wrote it.</summary>
    private static string Said(Statement statement) =>
        (statement.Origin == StatementOrigin.Model ? "(AI) " : "") + CardText.Escape(statement.Text) + Cites(statement.Cites);

    /// <summary>The answers a line rests on, as in the exported record ("A12"), a few at most.</summary>
    private static string Cites(IReadOnlyList<string> cites) => cites.Count == 0
        ? ""
        : " " + CardText.Escape($"[{string.Join(", ", cites.Take(MaxCites))}{(cites.Count > MaxCites ? $", +{cites.Count - MaxCites}" : "")}]");
}
