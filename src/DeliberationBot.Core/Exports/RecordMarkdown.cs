using System.Globalization;
using System.Text;

namespace DeliberationBot.Core.Exports;

/// <summary>The record as a Markdown document. User text is escaped so it cannot restructure the document.</summary>
public static class RecordMarkdown
{
    public static string Render(DeliberationRecord r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# {Escape(r.Title)}").AppendLine();
        if (r.Description is not null)
        {
            sb.AppendLine(Escape(r.Description, InParagraph)).AppendLine();
        }

        sb.AppendLine($"- Flow: {Escape(r.Flow.Title)} (`{r.Flow.Id}` version `{r.Flow.Version}`)");
        sb.AppendLine($"- Status: {r.Status}; started {Date(r.CreatedAt)}{(r.ClosedAt is { } closed ? $", closed {Date(closed)}" : "")}{(r.Due is { } due ? $", due {due:yyyy-MM-dd}" : "")}");
        sb.AppendLine($"- Facilitator: {Escape(r.Facilitator)}; owners: {string.Join(", ", r.Owners.Select(Escape))}; answers: {r.Anonymity}").AppendLine();

        if (r.Decision is { } decision)
        {
            sb.AppendLine("## Decision").AppendLine();
            sb.AppendLine($"**{decision.Outcome}**, by {Escape(decision.DecidedBy)} on {Date(decision.At)}: {Escape(decision.Rationale, InParagraph)}").AppendLine();
            foreach (var earlier in r.EarlierDecisions)
            {
                sb.AppendLine($"- Earlier: **{Escape(earlier.Outcome)}**, by {Escape(earlier.DecidedBy)} on {Date(earlier.At)}: {Escape(earlier.Rationale, InListItem)}");
            }

            if (r.EarlierDecisions.Count > 0)
            {
                sb.AppendLine();
            }

            // Its conditions are read with it, as on the page; each one's history follows under Concerns.
            var conditions = r.Concerns.Where(c => c.Kind == "Condition").ToList();
            if (conditions.Count > 0)
            {
                sb.AppendLine("Its conditions, each with its history under Concerns:").AppendLine();
                foreach (var c in conditions)
                {
                    var owner = c.Owner is { } o ? $" — owner {Escape(o)}{(c.Due is { } by ? $", due {by:yyyy-MM-dd}" : "")}" : "";
                    sb.AppendLine($"- #{c.Number}: {Escape(c.Text, InListItem)}{owner}; {c.Status}{(c.Settled is { } settled ? $" (accepted that it {settled})" : "")}");
                }

                sb.AppendLine();
            }
        }

        if (r.Summary is not null)
        {
            sb.AppendLine("## Summary").AppendLine().AppendLine(Fenced(r.Summary)).AppendLine();
        }

        sb.AppendLine("## Concerns").AppendLine();
        if (r.Concerns.Count == 0)
        {
            sb.AppendLine("None raised.").AppendLine();
        }

        foreach (var c in r.Concerns)
        {
            sb.AppendLine($"### {(c.Kind == "Condition" ? "Condition" : "Concern")} #{c.Number}{(c.MergedInto is { } into ? $" \\(merged into #{into}\\)" : "")}").AppendLine();
            if (c.Lead is { } lead)
            {
                sb.AppendLine(Escape(lead, InParagraph)).AppendLine();
            }

            Voices(sb, c.Raising);
            if (c.Question is not null)
            {
                sb.AppendLine($"- On: {Escape(c.Question)}");
            }

            if (c.OnReopening.Any())
            {
                if (c.Question is not null)
                {
                    sb.AppendLine(); // ends the list the question line began
                }

                Voices(sb, c.OnReopening);
            }

            sb.AppendLine($"- Status: {c.Status}{(c.Settled is { } settled ? $" (accepted that it {settled})" : "")}{(c.Section is null ? "" : $"; section: {Escape(c.Section)}")}; raised by {(c.RaisedBy.Count == 0 ? "the facilitator" : string.Join(", ", c.RaisedBy))} ({(c.Raisers == 1 ? "1 person" : $"{c.Raisers} people")})");
            if (c.Owner is not null)
            {
                sb.AppendLine($"- Owner: {Escape(c.Owner)}{(c.Due is { } conditionDue ? $", due {conditionDue:yyyy-MM-dd}" : "")}");
            }

            if (c.Response is not null)
            {
                sb.AppendLine($"- {Escape(c.ResponseLabel)}: {Escape(c.Response, InListItem)}");
            }

            foreach (var e in c.History)
            {
                sb.AppendLine($"  - {Date(e.At)} {e.What} — {Escape(e.Who)}{(c.WordsAt(e) is { } words ? ": " + Escape(words, InNestedListItem) : "")}");
            }

            sb.AppendLine();
        }

        sb.AppendLine("## Answers").AppendLine();
        foreach (var section in r.Answers.GroupBy(q => q.SectionTitle))
        {
            sb.AppendLine($"### {Escape(section.Key)}").AppendLine();
            foreach (var q in section)
            {
                sb.AppendLine($"**{Escape(q.Question)}**").AppendLine();
                foreach (var a in q.Answers)
                {
                    sb.AppendLine($"- {Escape(a.By)}, {a.Group}: {Escape(a.Answer, InListItem)}{(a.FlaggedConcern ? " *(flagged as a concern)*" : "")}");
                }

                foreach (var w in q.Withheld)
                {
                    sb.AppendLine($"- _{w}_");
                }

                sb.AppendLine();
            }
        }

        return sb.ToString();
    }

    private static void Voices(StringBuilder sb, IEnumerable<RecordVoice> voices)
    {
        foreach (var v in voices)
        {
            sb.AppendLine($"> \u201C{Escape(v.Words, InQuote)}\u201D — {Escape(v.By)}{(v.Answering is { } question ? $", answering \u201C{Escape(question)}\u201D" : "")}").AppendLine();
        }
    }

    private static string Date(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    // A person's line break, kept as a hard break (a backslash at the end of the line) that continues the block it is in.
    private const string InParagraph = "\\\n";
    private const string InListItem = "\\\n  ";
    private const string InNestedListItem = "\\\n    ";
    private const string InQuote = "\\\n> ";

    /// <summary>
    /// Text shown exactly as written, in a fenced code block: the summary's columns stay aligned, its quotes keep their
    /// lines and spacing, and nothing in it is read as Markdown. The fence is longer than any run of backticks inside.
    /// </summary>
    private static string Fenced(string text)
    {
        var (longest, run) = (0, 0);
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}text\n{text.ReplaceLineEndings("\n").TrimEnd('\n')}\n{fence}";
    }

    /// <summary>Escapes text that must stay on one line (a heading, a name): a line break becomes a space.</summary>
    public static string Escape(string text) => Escape(text, " ");

    /// <summary>
    /// Backslash-escapes Markdown's special characters and turns angle brackets into entities, so the text cannot
    /// restructure the document; each line break becomes <paramref name="lineBreak"/>. The "." after a number that opens
    /// a line and an "=" that opens one are escaped too, as they would start a list or underline a heading.
    /// </summary>
    public static string Escape(string text, string lineBreak)
    {
        var sb = new StringBuilder(text.Length);
        var lineStart = true; // nothing but spaces yet on this line
        var number = false; // nothing but a number yet on this line
        foreach (var ch in text.ReplaceLineEndings("\n").Trim('\n'))
        {
            if (ch == '\n')
            {
                sb.Append(lineBreak);
                (lineStart, number) = (true, false);
                continue;
            }

            if (ch is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '!' or '|' or '~' ||
                (ch == '=' && lineStart) || (ch == '.' && number))
            {
                sb.Append('\\');
            }

            sb.Append(ch switch { '<' => "&lt;", '>' => "&gt;", _ => ch.ToString() });
            number = (lineStart || number) && char.IsAsciiDigit(ch);
            lineStart = lineStart && ch == ' ';
        }

        return sb.ToString();
    }
}
