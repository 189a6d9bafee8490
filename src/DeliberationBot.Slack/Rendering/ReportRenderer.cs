using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using static DeliberationBot.Slack.Rendering.Mrkdwn;

namespace DeliberationBot.Slack.Rendering;

/// <summary>Block Kit for the long reports: a leader's weekly digest and a deliberation's summary.</summary>
internal static class ReportRenderer
{
    private static void LeftOut(WeeklyDigest w, List<JsonObject> content)
    {
        if (DigestText.LeftOutNote(w) is { } note)
        {
            content.Add(Block.Context(Escape(note)));
        }
    }

    public static void Digest(WeeklyDigest w, List<JsonObject> content)
    {
        content.Add(Block.Header($"Weekly digest {w.Week}"));
        if (w.Late && w.WasDueAt is { } due)
        {
            var local = TimeZoneInfo.ConvertTime(due, DigestSchedule.Zone(w.TimeZone));
            content.Add(Block.Context(Escape($"This digest is late: it was due {local.ToString("dddd d MMMM HH:mm", CultureInfo.InvariantCulture)} but the service was not running then.")));
        }

        if (w.IsEmpty)
        {
            content.Add(Block.Section("Nothing open, nothing new, nothing due. A quiet week."));
            LeftOut(w, content);
            return;
        }

        content.Add(Block.Section(
            $"*{w.OpenCount}* across *{GroupWords.Count(w.Proposals.Count, "proposal")}* · " +
            w.SinceLast));
        LeftOut(w, content);
        foreach (var p in w.Proposals)
        {
            content.Add(Block.Section($"*{Escape(p.Title)}*{(p.Due is { } d ? $" · due {d:yyyy-MM-dd}" : "")}{(p.Report is { } page ? " · " + ConcernRenderer.Link(page, "page") : "")}"));
            if (p.Standing is { } standing)
            {
                content.Add(Block.Context(Escape(GroupWords.Capitalised(standing) + ".")));
            }

            if (p.OpenConcerns.Count > 0)
            {
                content.AddRange(Block.Verbatim(Lines(p.OpenConcerns, c => $"• #{c.Number} {c.Quoted(AsWritten)} — {c.RaisedByText(AsWritten)}; {c.Age}")));
            }

            if (p.MissingVoices.Count > 0)
            {
                content.Add(Block.Context("Not heard yet: " + Escape(string.Join(", ", p.MissingVoices.Select(g => g.Label())))));
            }
        }

        if (w.Stale.Count > 0)
        {
            content.Add(Block.Section($"*No response from the owners for more than {w.StaleAfterDays} days*"));
            content.AddRange(Block.Verbatim(string.Join("\n", w.Stale.Select(c => DigestText.Hanging($"• {c.Proposal} #{c.Number}: {c.Quoted(AsWritten)} ({c.Age})", ItemIndent)))));
        }

        if (w.ClosedSinceLast.Count > 0)
        {
            content.Add(Block.Section($"*{WeeklyDigest.ClosedHeading}*"));
            content.AddRange(Block.Verbatim(Lines(w.ClosedSinceLast, c => $"• {c.Proposal} #{c.Number}: {c.Quoted(AsWritten)} — {AsWritten(c.StatusWords)}")));
        }

        if (w.AnyShortened)
        {
            content.Add(Block.Context(Escape(DigestText.ShortenedNote(w))));
        }

        if (w.ComingDue.Count > 0)
        {
            content.Add(Block.Section("*Coming due*"));
            content.AddRange(Block.Verbatim(string.Join("\n", w.ComingDue.Select(d => $"• {d.Due:yyyy-MM-dd} ({d.When}): {d.Proposal} — {d.What}"))));
        }
    }

    /// <summary>
    /// The summary's text as written (it quotes people), in sections of at most 3,000 characters each (Slack's limit),
    /// split between lines: nothing is cut.
    /// </summary>
    public static void Summary(SummaryReport report, List<JsonObject> content)
    {
        content.Add(Block.Header($"Summary: {report.Title}"));
        content.Add(Block.Context(Escape(SummaryText.SourceLine(report.Summary)) + "\n" + Escape(SummaryText.CountsLine(report.Summary))));
        // The first paragraph is the title, the source and the counts, shown above.
        foreach (var paragraph in SummaryText.Render(report.Summary).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            if (paragraph.StartsWith(SummaryText.VoicesHeading, StringComparison.Ordinal))
            {
                Voices(report.Summary.VoicesHeard, content);
                continue;
            }

            content.AddRange(Block.Verbatim(paragraph.Trim()));
        }

        foreach (var suggestion in report.Suggestions.Where(s => s.Status == SuggestionStatus.Suggested))
        {
            // With the answers it rests on, by the ids the summary's quotes carry: what confirming it will quote to the owners.
            content.Add(Block.Section($"*Suggested concern {suggestion.Label}* (by the AI, not raised by anyone)\n{Escape(suggestion.Text)} {Escape(SummaryText.Cites(suggestion.Cites))}".TrimEnd()));
            if (report.QuotesFor(suggestion) is [_, ..] quotes)
            {
                content.AddRange(Block.Verbatim(SummaryText.RestingOnHeading + "\n" + string.Join("\n", quotes.Select(q => SummaryText.RestingOn(q)))));
            }

            content.Add(Block.Actions($"suggestion_{suggestion.Number}",
                Block.Button("Confirm as a concern", SlackIds.ConfirmSuggestionAction, SlackIds.SuggestionValue(report.DeliberationId, suggestion.Number), primary: true),
                Block.Button("Dismiss", SlackIds.DismissSuggestionAction, SlackIds.SuggestionValue(report.DeliberationId, suggestion.Number))));
        }

        content.Add(Block.Context("The whole record, answers included as the anonymity rules allow: `/deliberate export` (facilitator and owners)."));
    }

    /// <summary>
    /// Who was heard, its grid in a code block: Slack shows other text in a proportional font, where the columns of
    /// counts would not line up under their sections. The grid holds group names, section titles and counts, no one's words.
    /// </summary>
    private static void Voices(VoicesHeard voices, List<JsonObject> content)
    {
        content.AddRange(Block.Verbatim(SummaryText.VoicesHeading));
        var grid = SummaryText.VoicesGrid(voices).TrimEnd();
        var block = "```\n" + Escape(grid) + "\n```";
        // A title with three backticks of its own would end the code block early and show the rest as formatting.
        var fits = block.Length <= SlackLimits.TextObject && !grid.Contains("```", StringComparison.Ordinal);
        content.AddRange(fits ? [Block.Section(block)] : Block.Verbatim(grid));
        content.AddRange(Block.Verbatim(string.Join("\n", SummaryText.VoicesGaps(voices))));
    }

    /// <summary>Where the second and later lines of an item start: under its text, not at the bullet.</summary>
    private const string ItemIndent = "   ";

    /// <summary>Concerns a line each, as written (people's words are in them), where each stands under its words.</summary>
    private static string Lines(IEnumerable<DigestConcern> concerns, Func<DigestConcern, string> line)
    {
        var text = new StringBuilder();
        foreach (var c in concerns)
        {
            text.Append(text.Length == 0 ? "" : "\n").Append(DigestText.Hanging(line(c), ItemIndent));
            foreach (var standing in c.StandingLines(AsWritten))
            {
                text.Append("\n      ↳ ").Append(DigestText.Hanging(standing, "        "));
            }
        }

        return text.ToString();
    }

    /// <summary>Text going into plain_text is not escaped: it is shown as it is.</summary>
    private static string AsWritten(string text) => text;
}
