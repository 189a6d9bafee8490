using System.Globalization;
using System.Text;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Digests;

/// <summary>A weekly digest as plain text.</summary>
public static class DigestText
{
    public static void Append(StringBuilder sb, WeeklyDigest w)
    {
        if (w.Late && w.WasDueAt is { } due)
        {
            var local = TimeZoneInfo.ConvertTime(due, DigestSchedule.Zone(w.TimeZone));
            sb.AppendLine($"(This digest is late: it was due {local.ToString("dddd d MMMM HH:mm", CultureInfo.InvariantCulture)} but the service was not running then.)");
        }

        if (w.IsEmpty)
        {
            sb.AppendLine($"Weekly digest {w.Week}: nothing open, nothing new, nothing due. A quiet week.");
            if (LeftOutNote(w) is { } quietNote)
            {
                sb.AppendLine(quietNote);
            }

            return;
        }

        sb.AppendLine($"Weekly digest {w.Week}: {w.OpenCount} across {Summaries.GroupWords.Count(w.Proposals.Count, "proposal")}; {w.SinceLast}.");
        if (LeftOutNote(w) is { } note)
        {
            sb.AppendLine(note);
        }

        foreach (var p in w.Proposals)
        {
            sb.AppendLine($"• {p.Title}{(p.Due is { } d ? $" (due {d:yyyy-MM-dd})" : "")}{(p.Standing is { } standing ? " — " + standing : "")}");
            if (p.Report is not null)
            {
                sb.AppendLine($"    Page: {p.Report}");
            }
            foreach (var c in p.OpenConcerns)
            {
                sb.AppendLine(Hanging($"    #{c.Number} {c.Quoted(Plain, '"', '"')} — {c.RaisedByText(Plain)}; {c.Age}", "      "));
                foreach (var line in c.StandingLines(Plain, '"', '"'))
                {
                    sb.AppendLine(Hanging($"        {line}", "        "));
                }
            }

            if (p.MissingVoices.Count > 0)
            {
                sb.AppendLine($"    Not heard yet: {string.Join(", ", p.MissingVoices.Select(g => g.Label()))}");
            }
        }

        if (w.Stale.Count > 0)
        {
            sb.AppendLine($"No response from the owners for more than {w.StaleAfterDays} days:");
            foreach (var c in w.Stale)
            {
                sb.AppendLine(Hanging($"    {c.Proposal} #{c.Number}: {c.Quoted(Plain, '"', '"')} ({c.Age})", "      "));
            }
        }

        if (w.ClosedSinceLast.Count > 0)
        {
            sb.AppendLine(WeeklyDigest.ClosedHeading + ":");
            foreach (var c in w.ClosedSinceLast)
            {
                sb.AppendLine(Hanging($"    {c.Proposal} #{c.Number}: {c.Quoted(Plain, '"', '"')} — {c.StatusWords}", "      "));
                foreach (var line in c.StandingLines(Plain, '"', '"'))
                {
                    sb.AppendLine(Hanging($"        {line}", "        "));
                }
            }
        }

        if (w.AnyShortened)
        {
            sb.AppendLine(ShortenedNote(w));
        }

        foreach (var item in w.ComingDue)
        {
            sb.AppendLine($"Due {item.Due:yyyy-MM-dd} ({item.When}): {item.Proposal} — {item.What}");
        }
    }

    private const string MayCheck = "Whoever manages DeliberationBot can reinstall it, or add it back to a conversation it has left, so that it may see who is there.";

    /// <summary>
    /// Why some deliberations are not in the digest, when their platform would not say whether the reader may read
    /// their conversation (<see cref="WeeklyDigest.LeftOut"/>); null when none were left out.
    /// </summary>
    public static string? LeftOutNote(WeeklyDigest w) => w.LeftOut switch
    {
        0 => null,
        1 => "1 deliberation is not in this digest: I couldn't check whether you are in the conversation it is held in. " + MayCheck,
        var n => $"{n} deliberations are not in this digest: I couldn't check whether you are in the conversations they are held in. " + MayCheck,
    };

    /// <summary>
    /// Where a shortened concern is read whole. A leader may not be in the deliberation's conversation, so where the
    /// digest links each proposal to the reader's page, the page is named first.
    /// </summary>
    public static string ShortenedNote(WeeklyDigest w) => w.Proposals.Count > 0 && w.Proposals.All(p => p.Report is not null)
        ? "Concerns ending in … are shortened here; each proposal's page, linked here, shows them in full, as does \"concerns\" in the deliberation's conversation."
        : "Concerns ending in … are shortened here; \"concerns\" in the deliberation's conversation shows each in full.";

    private static string Plain(string text) => text;

    /// <summary>
    /// An item of a list whose words run over several lines (people's paragraphs are kept): every line after its first
    /// starts at <paramref name="indent"/>, under the item rather than at the margin, where it would read as the next item.
    /// </summary>
    public static string Hanging(string item, string indent) => item.ReplaceLineEndings("\n" + indent);
}
