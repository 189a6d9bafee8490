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
            sb.AppendLine(Escape(r.Description)).AppendLine();
        }

        sb.AppendLine($"- Flow: {Escape(r.Flow.Title)} (`{r.Flow.Id}` version `{r.Flow.Version}`)");
        sb.AppendLine($"- Status: {r.Status}; started {Date(r.CreatedAt)}{(r.ClosedAt is { } closed ? $", closed {Date(closed)}" : "")}{(r.Due is { } due ? $", due {due:yyyy-MM-dd}" : "")}");
        sb.AppendLine($"- Facilitator: {Escape(r.Facilitator)}; owners: {string.Join(", ", r.Owners.Select(Escape))}; answers: {r.Anonymity}").AppendLine();

        if (r.Decision is { } decision)
        {
            sb.AppendLine("## Decision").AppendLine();
            sb.AppendLine($"**{decision.Outcome}**, by {Escape(decision.DecidedBy)} on {Date(decision.At)}: {Escape(decision.Rationale)}").AppendLine();
            foreach (var earlier in r.EarlierDecisions)
            {
                sb.AppendLine($"- Earlier: **{Escape(earlier.Outcome)}**, by {Escape(earlier.DecidedBy)} on {Date(earlier.At)}: {Escape(earlier.Rationale)}");
            }

            if (r.EarlierDecisions.Count > 0)
            {
                sb.AppendLine();
            }
        }

        if (r.Summary is not null)
        {
            sb.AppendLine("## Summary").AppendLine().AppendLine(Escape(r.Summary)).AppendLine();
        }

        sb.AppendLine("## Concerns").AppendLine();
        if (r.Concerns.Count == 0)
        {
            sb.AppendLine("None raised.").AppendLine();
        }

        foreach (var c in r.Concerns)
        {
            sb.AppendLine($"### {(c.Kind == "Condition" ? "Condition" : "Concern")} #{c.Number}{(c.MergedInto is { } into ? $" \\(merged into #{into}\\)" : "")}").AppendLine();
            if (c.Voices.Count == 0 || c.Voices.All(v => v.Words != c.Text))
            {
                sb.AppendLine(Escape(c.Text)).AppendLine();
            }

            foreach (var v in c.Voices)
            {
                sb.AppendLine($"> \u201C{Escape(v.Words)}\u201D — {Escape(v.By)}").AppendLine();
            }

            if (c.Question is not null)
            {
                sb.AppendLine($"- On: {Escape(c.Question)}");
            }

            sb.AppendLine($"- Status: {c.Status}{(c.Section is null ? "" : $"; section: {Escape(c.Section)}")}; raised by {(c.RaisedBy.Count == 0 ? "the facilitator" : string.Join(", ", c.RaisedBy))} ({c.Raisers} raiser(s))");
            if (c.Owner is not null)
            {
                sb.AppendLine($"- Owner: {Escape(c.Owner)}{(c.Due is { } conditionDue ? $", due {conditionDue:yyyy-MM-dd}" : "")}");
            }

            if (c.Response is not null)
            {
                sb.AppendLine($"- Response: {Escape(c.Response)}");
            }

            foreach (var e in c.History)
            {
                sb.AppendLine($"  - {Date(e.At)} {e.What} — {Escape(e.Who)}");
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
                    sb.AppendLine($"- {Escape(a.By)}, {a.Group}: {Escape(a.Answer)}{(a.FlaggedConcern ? " *(flagged as a concern)*" : "")}");
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

    private static string Date(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Backslash-escapes Markdown's special characters and drops raw HTML angle brackets.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.ReplaceLineEndings(" "))
        {
            if (ch is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '!' or '|' or '~')
            {
                sb.Append('\\');
            }

            sb.Append(ch switch { '<' => "&lt;", '>' => "&gt;", _ => ch.ToString() });
        }

        return sb.ToString();
    }
}
