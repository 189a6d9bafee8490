using System.Text;
using System.Text.RegularExpressions;

namespace DeliberationBot.Teams.Cards;

/// <summary>
/// Makes text that people wrote (titles, names, descriptions, echoed commands) inert in Adaptive Cards. TextBlocks and
/// facts render a Markdown subset (emphasis, links, lists), and Teams turns &lt;at&gt;…&lt;/at&gt; into mentions when
/// an entity backs it: so mention tags are stripped to their text, and Markdown-significant characters are escaped
/// with a backslash. A TextBlock's Markdown also shows a single line break as a space, so each of the person's line
/// breaks is written as two. Inputs and choice titles are not Markdown; they only lose the mention tags
/// (<see cref="Plain"/>).
/// </summary>
internal static partial class CardText
{
    /// <summary>
    /// An instant as Teams shows it on each reader's device, in their own time zone and format ("Mon, Dec 14, 2026 at
    /// 11:53 AM"): the card's DATE and TIME functions, which need the instant in strict RFC 3339.
    /// </summary>
    public static string LocalTime(DateTimeOffset at)
    {
        var instant = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return $"{{{{DATE({instant}, SHORT)}}}} at {{{{TIME({instant})}}}}";
    }

    /// <summary>Escapes text for a TextBlock or a fact.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var plain = Plain(text);
        var sb = new StringBuilder(plain.Length + 8);
        var lineStart = true;
        for (var i = 0; i < plain.Length; i++)
        {
            var c = plain[i];
            if (c is '\n' or '\r')
            {
                // A run of line breaks (a blank line, or Windows' \r\n) is one break: Markdown shows no more than that.
                while (i + 1 < plain.Length && plain[i + 1] is '\n' or '\r')
                {
                    i++;
                }

                sb.Append("\n\n");
                lineStart = true;
                continue;
            }

            if (lineStart && char.IsAsciiDigit(c) && NumberedListMarkerEnd(plain, i) is { } dot)
            {
                // "1. " or "1) " would start a numbered list: escape the punctuation after the digits.
                sb.Append(plain, i, dot - i).Append('\\').Append(plain[dot]);
                i = dot;
                lineStart = false;
                continue;
            }

            if (c is '\\' or '*' or '_' or '~' or '`' or '[' or ']' or '<' || (lineStart && c is '#' or '-' or '+' or '>'))
            {
                sb.Append('\\');
            }

            sb.Append(c);
            lineStart = lineStart && c is ' ' or '\t';
        }

        return sb.ToString();
    }

    /// <summary>Removes mention tags (keeping the name as text) and control characters.</summary>
    public static string Plain(string? text) =>
        string.IsNullOrEmpty(text) ? "" : ControlChars().Replace(MentionTag().Replace(text, ""), "");

    /// <summary>At most <paramref name="max"/> characters, with an ellipsis when cut.</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static int? NumberedListMarkerEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i < text.Length && text[i] is '.' or ')' ? i : null;
    }

    [GeneratedRegex(@"<\s*/?\s*at\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MentionTag();

    [GeneratedRegex(@"[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]")]
    private static partial Regex ControlChars();
}
