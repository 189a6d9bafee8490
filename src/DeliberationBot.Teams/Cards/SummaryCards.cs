using System.Text.Json.Nodes;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Teams.Cards;

/// <summary>
/// A deliberation's summary as a card: the key parts in the order a decision-maker needs them (where the summary comes
/// from, where groups disagree, whose voices are missing, the added frontline labour, then the flagged concerns under
/// their questions and the AI's suggestions, marked as such). Every answer in full is in the exported record; a long
/// summary is cut within the Teams size limit with a marker that says so.
/// </summary>
internal static class SummaryCards
{
    private const int MaxQuote = 600;
    private const int MaxCites = 8;

    public static JsonObject Summary(SummaryReport report)
    {
        var s = report.Summary;
        var head = new List<JsonNode?>
        {
            Card.Text("Summary", subtle: true, weight: "Bolder", color: "Accent"),
            Card.Heading(CardText.Escape(report.Title)),
            Card.Text($"{GroupWords.Count(s.Participants, "participant")}, {GroupWords.Count(s.Answers, "answer")} · flow {CardText.Escape(s.FlowId)}", subtle: true, spacing: "None"),
            Card.Text(CardText.Escape(SummaryText.SourceLine(s)), color: s.Source == SummarySource.Offline ? null : "Warning"),
            Card.Text($"Anonymous answers of a group are shown once at least {s.MinGroupSize} people in it have answered; flagged concerns and labour figures always are.", subtle: true, spacing: "None"),
        };
        var parts = Disagreements(s).Concat(Voices(s.VoicesHeard)).Concat(Labour(s.AddedLabour)).Concat(Concerns(s)).Concat(Suggestions(s.SuggestedConcerns))
            .Append([Card.Text("The whole record, every answer by question, comes with **export**.", subtle: true, spacing: "Large")]);
        return CardBudget.Fit(head, parts, CardBudget.CutMarker("summary", "Type **export** for the whole record."));
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
                Card.Text($"**{Escape(d.QuestionText, 300)}**", spacing: "Small"),
                Card.Text((d.Statement.Origin == StatementOrigin.Model ? "(AI) " : "") + Escape(d.Statement.Text, MaxQuote) + Cites(d.Statement.Cites), spacing: "None"),
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
        return asked == 0 ? $"{who}; no section is meant for them" : $"{who}; answered {answered} of the {asked} section(s) meant for them";
    }

    private static IEnumerable<IReadOnlyList<JsonNode?>> Labour(IReadOnlyList<LabourEstimate> labour)
    {
        foreach (var (e, i) in labour.Select((e, i) => (e, i)))
        {
            yield return
            [
                i == 0 ? Card.Separator(Card.Label("Added frontline labour, per group")) : null,
                Card.Text($"**{Escape(e.QuestionText, 300)}**", spacing: "Small"),
                Card.Text(CardText.Escape(e.Comparison.Text) + Cites(e.Comparison.Cites), spacing: "None"),
                Card.Facts(e.ByGroup.Select(g => (CardText.Escape(g.Group.Label()), CardText.Escape(GroupWords.Figure(g.Stats, e.Unit))))),
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
                var lines = q.Concerns.Select(c => (JsonNode?)Card.Text($"“{Escape(c.Text, MaxQuote)}” — {CardText.Escape(c.Group.Label())}{Cites([c.AnswerId])}", spacing: "None")).ToList();

                yield return
                [
                    first ? heading : null,
                    sectionShown ? null : Card.Text(CardText.Escape(section.Title), subtle: true, weight: "Bolder", spacing: "Medium"),
                    Card.Text($"**{Escape(q.Text, 300)}**", spacing: "Small"),
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

    private static IEnumerable<IReadOnlyList<JsonNode?>> Suggestions(IReadOnlyList<SuggestedConcern> suggested)
    {
        foreach (var (c, i) in suggested.Select((c, i) => (c, i)))
        {
            yield return
            [
                i == 0 ? Card.Separator(Card.Label("Suggested by the AI")) : null,
                i == 0 ? Card.Text("Not raised by anyone: a facilitator must confirm them before they count as concerns.", subtle: true, spacing: "None") : null,
                Card.Text(@"\[suggested\] " + Escape(c.Text, MaxQuote) + Cites(c.Cites), spacing: "Small"),
            ];
        }
    }

    private static string Escape(string text, int max) => CardText.Escape(CardText.Truncate(text, max));

    /// <summary>The answers a line rests on, as in the exported record ("A12"), a few at most.</summary>
    private static string Cites(IReadOnlyList<string> cites) => cites.Count == 0
        ? ""
        : " " + CardText.Escape($"[{string.Join(", ", cites.Take(MaxCites))}{(cites.Count > MaxCites ? $", +{cites.Count - MaxCites}" : "")}]");
}
