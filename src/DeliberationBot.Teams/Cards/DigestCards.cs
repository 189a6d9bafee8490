using System.Globalization;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Teams.Cards;

/// <summary>
/// A leader's weekly digest: open concerns by proposal (oldest first, with their age and the groups that raised them),
/// what is new and resolved since the last digest, concerns the owners left unanswered too long, what falls due and
/// whose voices are missing. A quiet week is one line; a late digest says so first.
/// </summary>
internal static class DigestCards
{

    public static JsonObject Quiet(WeeklyDigest w) =>
        Card.New([Late(w), Card.Text($"Weekly digest {CardText.Escape(w.Week)}: nothing open, nothing new, nothing due. A quiet week."), LeftOut(w)]);

    public static CardLayout Digest(WeeklyDigest w)
    {

        var head = new List<JsonNode?>
        {
            Card.Text($"Weekly digest · {CardText.Escape(w.Week)}", subtle: true, weight: "Bolder", color: "Accent"),
            Late(w),
        };

        head.Add(Card.Text(
            $"{w.OpenCount} across {GroupWords.Count(w.Proposals.Count, "proposal")}; {w.SinceLast}."));
        head.Add(LeftOut(w));
        if (w.AnyShortened)
        {
            head.Add(Card.Text(CardText.Escape(DigestText.ShortenedNote(w)), subtle: true, spacing: "None"));
        }

        var parts = Proposals(w).Concat(List("New since the last digest", w.NewSinceLast, c => c.Age))
            .Concat(List(WeeklyDigest.ClosedHeading, w.ClosedSinceLast, c => c.StatusWords, standing: true))
            .Concat(List($"No response from the owners for more than {w.StaleAfterDays} days", w.Stale, c => c.Age))
            .Concat(ComingDue(w.ComingDue));
        return new CardLayout(head, [.. parts], $"Weekly digest · {CardText.Escape(w.Week)} (continued)");
    }

    /// <summary>Why some deliberations are not in the digest, when any were left out.</summary>
    private static JsonObject? LeftOut(WeeklyDigest w) =>
        DigestText.LeftOutNote(w) is { } note ? Card.Text(CardText.Escape(note), color: "Warning", subtle: true, spacing: "None") : null;

    private static JsonObject? Late(WeeklyDigest w)
    {
        if (!w.Late || w.WasDueAt is not { } due)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(due, DigestSchedule.Zone(w.TimeZone));
        return Card.Text(
            $"This digest is late: it was due {local.ToString("dddd d MMMM HH:mm", CultureInfo.InvariantCulture)} ({CardText.Escape(w.TimeZone)}), but the service was not running then.",
            color: "Warning", subtle: true, spacing: "None");
    }

    /// <summary>One part per concern (the first with its proposal), so a long digest is cut between two concerns.</summary>
    private static IEnumerable<IReadOnlyList<JsonNode?>> Proposals(WeeklyDigest w)
    {
        foreach (var (p, i) in w.Proposals.Select((p, i) => (p, i)))
        {
            var due = p.Due is { } d ? $" · due {d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "";
            var lines = p.OpenConcerns.Select(c => (JsonNode?[])
            [
                Card.Text($"**#{c.Number}** {c.Quoted(CardText.Escape)}", spacing: "Small"),
                Card.Text($"{GroupWords.Capitalised(c.Age)} · {RaisedBy(c)}", subtle: true, spacing: "None"),
                .. Standing(c),
            ]).ToList();
            if (lines.Count == 0)
            {
                lines.Add([Card.Text("No open concerns.", subtle: true, spacing: "None")]);
            }

            yield return
            [
                i == 0 ? Card.Separator(Card.Label("Open concerns by proposal")) : null,
                Card.Text($"**{CardText.Escape(p.Title)}**{due}{(p.Standing is { } standing ? " · " + CardText.Escape(standing) : "")}{(p.Report is { } page ? $" · [page]({page.AbsoluteUri})" : "")}", spacing: "Medium"),
                .. lines[0],
            ];
            foreach (var line in lines.Skip(1))
            {
                yield return line;
            }

            if (p.MissingVoices.Count > 0)
            {
                yield return [Card.Text("Not heard yet: " + string.Join(", ", p.MissingVoices.Select(g => CardText.Escape(g.Label()))), color: "Warning", spacing: "Small")];
            }
        }
    }

    private static IEnumerable<IReadOnlyList<JsonNode?>> List(string title, IReadOnlyList<DigestConcern> concerns, Func<DigestConcern, string> note, bool standing = false)
    {
        foreach (var (c, i) in concerns.Select((c, i) => (c, i)))
        {
            yield return
            [
                i == 0 ? Card.Separator(Card.Label(CardText.Escape(title))) : null,
                Card.Text($"{CardText.Escape(c.Proposal)} **#{c.Number}**: {c.Quoted(CardText.Escape)}", spacing: "Small"),
                Card.Text($"{note(c)} · {RaisedBy(c)}", subtle: true, spacing: "None"),
                .. standing ? Standing(c) : [],
            ];
        }
    }

    private static IEnumerable<IReadOnlyList<JsonNode?>> ComingDue(IReadOnlyList<DigestDue> due)
    {
        if (due.Count == 0)
        {
            yield break;
        }

        yield return
        [
            Card.Separator(Card.Label("Coming due")),
            Card.Facts(due.Select(d => (
                d.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"{CardText.Escape(d.Proposal)}: {CardText.Escape(d.What)} ({d.When})"))),
        ];
    }

    /// <summary>Where a concern stands, each line under its words.</summary>
    private static IEnumerable<JsonNode?> Standing(DigestConcern c) =>
        c.StandingLines(CardText.Escape).Select(line => Card.Text(line, spacing: "None"));

    private static string RaisedBy(DigestConcern c) => (c.IsCondition ? "" : "raised by ") + c.RaisedByText(CardText.Escape);
}
