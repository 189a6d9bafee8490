using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeliberationBot.Teams.Inbound;

/// <summary>A person mentioned in a message: the placeholder left in the text and who it stands for.</summary>
internal sealed record Mention(string Key, string TeamsId, string Name);

/// <summary>
/// Turns a Teams message's text into the shared command grammar. The bot's own mention is removed (entities of type
/// mention whose mentioned.id is the recipient, by the entity's text, else &lt;at&gt;bot name&lt;/at&gt;). Every other
/// mention becomes a single word "@Key" that Core resolves through the mentions dictionary, which the adapter fills
/// with the person as Core knows them (their Entra object id, looked up from the Teams id the mention carries; a
/// &lt;@id|Name&gt; token could only carry the Teams id). Remaining HTML tags are dropped and entities decoded, and the
/// line breaks are taken from the message's HTML, so Core sees what the person typed.
/// </summary>
internal static partial class MentionText
{
    public static (string Text, IReadOnlyList<Mention> Mentions) Normalise(Activity activity) => Normalise(activity, asNames: false);

    /// <summary>
    /// The message read once for both uses: as a command (<see cref="Normalise(Activity)"/>), and as words someone wrote
    /// (an answer), where anyone else mentioned keeps the name Teams shows ("@Maria Garcia"); without such a mention the
    /// two are the same text.
    /// </summary>
    public static (string Text, string Words, IReadOnlyList<Mention> Mentions) Read(Activity activity)
    {
        var (text, mentions) = Normalise(activity, asNames: false);
        return (text, mentions.Count == 0 ? text : Normalise(activity, asNames: true).Text, mentions);
    }

    private static (string Text, IReadOnlyList<Mention> Mentions) Normalise(Activity activity, bool asNames)
    {
        var text = activity.Text ?? "";
        var (replacements, mentions) = Replacements(activity, asNames);
        var oneLine = Plain(ReplaceMentions(text, replacements));
        return (WithLineBreaks(activity, text, replacements, oneLine) ?? oneLine, mentions);
    }

    /// <summary>What each mention tag becomes: the bot's own a space, anyone else "@Key" (or "@Name").</summary>
    private static (List<(string Tag, string With)> Replacements, List<Mention> Mentions) Replacements(Activity activity, bool asNames)
    {
        var botId = activity.Recipient?.Id;
        var replacements = new List<(string Tag, string With)>();
        var mentions = new List<Mention>();
        foreach (var entity in activity.Entities ?? [])
        {
            if (!string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase) || entity.Mentioned?.Id is not { Length: > 0 } id)
            {
                continue;
            }

            var name = entity.Mentioned.Name ?? "";
            var tag = entity.Text is { Length: > 0 } t ? t : $"<at>{name}</at>";
            if (id == botId)
            {
                replacements.Add((tag, " "));
                continue;
            }

            var existing = mentions.FirstOrDefault(m => m.TeamsId == id);
            if (existing is null)
            {
                existing = new Mention(UniqueKey(Decode(StripTags(name)), mentions), id, Decode(StripTags(name)));
                mentions.Add(existing);
            }

            replacements.Add((tag, "@" + (asNames && existing.Name.Trim().Length > 0 ? existing.Name.Trim() : existing.Key)));
        }

        return (replacements, mentions);
    }

    /// <summary>
    /// The text with the person's line breaks, or null when it cannot be had. Teams' text turns a line break into a
    /// space; the message's HTML (a text/html attachment, or the text itself when it is HTML) keeps each line in its
    /// own block or after a &lt;br&gt;, and marks mentions with spans where the text has &lt;at&gt; tags. The result
    /// is used only when it has exactly the words of <paramref name="oneLine"/>, so a mismatch costs the line breaks
    /// and never a word.
    /// </summary>
    private static string? WithLineBreaks(Activity activity, string text, List<(string Tag, string With)> replacements, string oneLine)
    {
        var html = activity.Attachments?.FirstOrDefault(a =>
                string.Equals(a.ContentType, "text/html", StringComparison.OrdinalIgnoreCase) && a.Content is { ValueKind: JsonValueKind.String })
            ?.Content?.GetString();
        html ??= LineBreak().IsMatch(text) || Block().IsMatch(text) ? text : null;
        if (html is null)
        {
            return null;
        }

        // A quoted reply's HTML starts with the message it quotes, which the text leaves out; an emoji is a tag there
        // and a character in the text.
        html = Emoji().Replace(QuotedReply().Replace(html, " "), m => m.Groups["alt"].Value);

        // Whitespace in HTML source is layout; only the markup says where a line ends. Most messages are one line.
        html = Block().Replace(LineBreak().Replace(HtmlWhitespace().Replace(html, " "), "\n"), "\n").Trim();
        if (!html.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }

        var tags = MentionTag().Matches(text);
        if (MentionSpan().Count(html) != tags.Count)
        {
            return null;
        }

        var next = 0;
        html = MentionSpan().Replace(html, _ => tags[next++].Value);
        var lines = LineEdges().Replace(Plain(ReplaceMentions(html, replacements)), "\n");
        return Squash(lines) == Squash(oneLine) ? lines : null;
    }

    private static string ReplaceMentions(string text, List<(string Tag, string With)> replacements)
    {
        foreach (var (tag, with) in replacements)
        {
            text = text.Replace(tag, with, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    private static string Plain(string text) => Whitespace().Replace(Decode(StripTags(text)), " ").Trim();

    private static string Squash(string text) => HtmlWhitespace().Replace(text, " ").Trim();

    /// <summary>A single word from a display name: letters and digits, the rest folded to '_'.</summary>
    private static string UniqueKey(string name, List<Mention> taken)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '_')
            {
                sb.Append('_');
            }
        }

        var key = sb.ToString().Trim('_');
        key = key.Length == 0 ? "user" : key;
        var unique = key;
        for (var n = 2; taken.Any(m => string.Equals(m.Key, unique, StringComparison.OrdinalIgnoreCase)); n++)
        {
            unique = $"{key}_{n}";
        }

        return unique;
    }

    private static string StripTags(string text) => HtmlTag().Replace(text, " ");

    private static string Decode(string text) => WebUtility.HtmlDecode(text);

    [GeneratedRegex(@"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"[ \t\u00A0]+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlWhitespace();

    [GeneratedRegex(@"<at\b[^<>]*>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MentionTag();

    [GeneratedRegex(@"<span\b[^<>]*\bitemtype=""http://schema\.skype\.com/Mention""[^<>]*>.*?</span>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MentionSpan();

    [GeneratedRegex(@"<blockquote\b[^<>]*\bitemtype=""http://schema\.skype\.com/Reply""[^<>]*>.*?</blockquote>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedReply();

    /// <summary>Teams' emoji in HTML: an &lt;emoji&gt; element, or an &lt;img&gt; of itemtype Emoji; its alt is the character.</summary>
    [GeneratedRegex(@"<emoji\b[^<>]*?\balt=""(?<alt>[^""]*)""[^<>]*>(?:\s*</emoji>)?|<img\b(?=[^<>]*\bitemtype=""http://schema\.skype\.com/Emoji"")[^<>]*?\balt=""(?<alt>[^""]*)""[^<>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Emoji();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();

    /// <summary>A run of block tags (and the space between them) ends one line.</summary>
    [GeneratedRegex(@"(?:\s*</?(?:div|p|li|ul|ol|h[1-6]|blockquote|pre|table|tr|hr)\b[^<>]*>\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Block();

    [GeneratedRegex(@" *\n *", RegexOptions.CultureInvariant)]
    private static partial Regex LineEdges();
}
