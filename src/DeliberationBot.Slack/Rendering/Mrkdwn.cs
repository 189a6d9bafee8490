using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Slack.Rendering;

/// <summary>
/// Safe text for Slack. Inbound text arrives encoded (mentions as &lt;@U…&gt;, a typed "&lt;" as "&amp;lt;"); it is
/// turned into plain text at the edge, and every text placed into mrkdwn is escaped again, so no user text can ever
/// ping @channel, mention someone or forge a link.
/// </summary>
internal static partial class Mrkdwn
{
    public const string Ellipsis = "…";

    /// <summary>
    /// An instant as each reader's Slack shows it, in their own time zone ("Dec 14, 2026 at 11:53 AM"); where Slack
    /// cannot, in UTC.
    /// </summary>
    public static string LocalTime(DateTimeOffset at) =>
        $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} at {{time}}|{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC>";

    /// <summary>Escapes the three characters mrkdwn gives meaning to.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        // Most text has none of them: it is returned as it is, and otherwise copied a run at a time.
        var next = text.AsSpan().IndexOfAny(Significant);
        if (next < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        var from = 0;
        while (next >= 0)
        {
            var at = from + next;
            sb.Append(text, from, at - from).Append(text[at] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                _ => "&gt;",
            });
            from = at + 1;
            next = text.AsSpan(from).IndexOfAny(Significant);
        }

        return sb.Append(text, from, text.Length - from).ToString();
    }

    private static readonly SearchValues<char> Significant = SearchValues.Create("&<>");

    /// <summary>
    /// Turns Slack-encoded inbound text into plain text: every control sequence becomes its readable form
    /// (&lt;@U1|bob&gt; → @bob, &lt;!here&gt; → @here, &lt;https://x|label&gt; → label (https://x)) and entities are decoded.
    /// A mention without a name (&lt;@U1&gt;, as events carry them) takes its name from <paramref name="names"/> when
    /// it is there, and is otherwise written by its id.
    /// </summary>
    public static string FromSlack(string? encoded, IReadOnlyDictionary<string, string>? names = null)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return "";
        }

        var plain = ControlSequence().Replace(encoded, m => Readable(m.Groups["body"].Value, names));
        return plain.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
    }

    /// <summary>
    /// For plain_text: puts an invisible word joiner after any "&lt;" that could open a control sequence
    /// (&lt;!here&gt;, &lt;@U1&gt;, &lt;#C1&gt;, &lt;http…), so the text reads the same but can never be markup.
    /// </summary>
    public static string Inert(string text) => ControlOpening().Replace(text, "<\u2060");

    /// <summary>A live mention for a Slack user id (ids come from Slack, never from typed text); anything else as escaped text.</summary>
    public static string Mention(UserRef user) =>
        UserId().IsMatch(user.Id) ? $"<@{user.Id}>" : Escape("@" + user.Display);

    /// <summary>Cuts plain text to <paramref name="max"/> characters, ending with "…" when cut.</summary>
    public static string Truncate(string? text, int max)
    {
        text ??= "";
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..Math.Max(0, cut)] + Ellipsis;
    }

    /// <summary>Like <see cref="Truncate"/> for escaped text: never cuts an entity such as &amp;amp; in half.</summary>
    public static string TruncateEscaped(string? text, int max)
    {
        text ??= "";
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - Ellipsis.Length;
        var amp = text.LastIndexOf('&', Math.Max(0, cut - 1), Math.Min(cut, 5));
        if (amp >= 0 && text.IndexOf(';', amp) >= cut)
        {
            cut = amp;
        }

        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..Math.Max(0, cut)] + Ellipsis;
    }

    /// <summary>The ids of the people mentioned (&lt;@U1&gt; or &lt;@U1|handle&gt;), in the order they appear.</summary>
    public static IEnumerable<string> MentionedPeople(string encoded) =>
        PersonMention().Matches(encoded).Select(m => m.Groups["id"].Value);

    private static string Readable(string body, IReadOnlyDictionary<string, string>? names)
    {
        var bar = body.IndexOf('|', StringComparison.Ordinal);
        var target = bar >= 0 ? body[..bar] : body;
        var label = bar >= 0 ? body[(bar + 1)..] : null;
        if (target.StartsWith('@'))
        {
            // The name Slack shows, as the writer saw it, before the handle a slash command carries. A looked-up name is
            // plain text; escaped here, it comes out as it is when the whole text is decoded.
            return names is not null && names.TryGetValue(target[1..], out var name) ? "@" + Escape(name)
                : label is not null ? "@" + label.TrimStart('@')
                : target;
        }

        if (target.StartsWith('#'))
        {
            return label is null ? target : "#" + label.TrimStart('#');
        }

        if (target.StartsWith('!'))
        {
            // <!here>, <!channel>, <!everyone>, <!subteam^S1|@team>, <!date^…|fallback>
            var name = target[1..].Split('^')[0];
            return label ?? "@" + name;
        }

        return label is null || label == target ? target : $"{label} ({target})";
    }

    [GeneratedRegex("<(?=[!@#]|[a-zA-Z][a-zA-Z0-9+.-]*:)")]
    private static partial Regex ControlOpening();

    [GeneratedRegex("<(?<body>[^<>]*)>")]
    private static partial Regex ControlSequence();

    /// <summary>A person's mention: &lt;@U1&gt; as events carry it, &lt;@U1|handle&gt; as slash commands do.</summary>
    [GeneratedRegex(@"<@(?<id>[UW][A-Z0-9]+)(\|[^<>]*)?>")]
    internal static partial Regex PersonMention();

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex UserId();
}
