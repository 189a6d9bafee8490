using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DeliberationBot.Teams.Inbound;

/// <summary>A person mentioned in a message: the placeholder left in the text and who it stands for.</summary>
internal sealed record Mention(string Key, string TeamsId, string Name);

/// <summary>
/// Turns a Teams message's text into the shared command grammar. The bot's own mention is removed (entities of type
/// mention whose mentioned.id is the recipient, by the entity's text, else &lt;at&gt;bot name&lt;/at&gt;). Every other
/// mention becomes a single word "@Key" that Core resolves through the mentions dictionary, which the adapter fills
/// with the person as Core knows them (their Entra object id, looked up from the Teams id the mention carries; a
/// &lt;@id|Name&gt; token could only carry the Teams id). Remaining HTML tags are dropped and entities decoded, so Core
/// sees what the person typed.
/// </summary>
internal static partial class MentionText
{
    public static (string Text, IReadOnlyList<Mention> Mentions) Normalise(Activity activity)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
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
                text = Replace(text, tag, " ");
                continue;
            }

            var existing = mentions.FirstOrDefault(m => m.TeamsId == id);
            if (existing is null)
            {
                existing = new Mention(UniqueKey(Decode(StripTags(name)), mentions), id, Decode(StripTags(name)));
                mentions.Add(existing);
            }

            text = Replace(text, tag, "@" + existing.Key);
        }

        var plain = Decode(StripTags(text));
        return (Whitespace().Replace(plain, " ").Trim(), mentions);
    }

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

    private static string Replace(string text, string tag, string with) => text.Replace(tag, with, StringComparison.OrdinalIgnoreCase);

    private static string StripTags(string text) => HtmlTag().Replace(text, " ");

    private static string Decode(string text) => WebUtility.HtmlDecode(text);

    [GeneratedRegex(@"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"[ \t\u00A0]+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
