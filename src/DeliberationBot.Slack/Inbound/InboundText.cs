using System.Text;
using System.Text.RegularExpressions;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Inbound;

/// <summary>Turns Slack-encoded text into what Core takes: plain text, except the owner mentions Core parses.</summary>
internal static partial class InboundText
{
    /// <summary>
    /// Command text: a mention where Core's parser reads a person (&lt;@U123|maria&gt; after owner:, or the one
    /// "report revoke" names) stays a mention token; every other control sequence becomes plain text and entities are
    /// decoded, so a title can never carry live markup.
    /// </summary>
    public static string ForCommand(string encoded, IReadOnlyDictionary<string, string>? names = null)
    {
        var result = new StringBuilder(encoded.Length);
        var at = 0;
        foreach (Match person in PersonArgument().Matches(encoded))
        {
            result.Append(Mrkdwn.FromSlack(encoded[at..person.Index], names)).Append(Named(person.Value, names));
            at = person.Index + person.Length;
        }

        return result.Append(Mrkdwn.FromSlack(encoded[at..], names)).ToString();
    }

    /// <summary>A message typed to the bot: without the leading mention of the bot, as plain text.</summary>
    public static string ForMessage(string? encoded, string? botUserId, IReadOnlyDictionary<string, string>? names = null)
    {
        var text = encoded ?? "";
        if (!string.IsNullOrEmpty(botUserId))
        {
            text = Regex.Replace(text, $"<@{Regex.Escape(botUserId)}(\\|[^>]*)?>", "", RegexOptions.None, TimeSpan.FromSeconds(1));
        }

        return Mrkdwn.FromSlack(text, names).Trim();
    }

    /// <summary>Kept mentions take the name looked up (over a slash command's handle), so Core knows the person by it too.</summary>
    private static string Named(string mentions, IReadOnlyDictionary<string, string>? names) =>
        names is null ? mentions : Mrkdwn.PersonMention().Replace(mentions, m =>
            names.TryGetValue(m.Groups["id"].Value, out var name) ? $"<@{m.Groups["id"].Value}|{name.Replace(">", "", StringComparison.Ordinal)}>" : m.Value);

    public static bool Mentions(string? encoded, string? botUserId) =>
        !string.IsNullOrEmpty(encoded) && !string.IsNullOrEmpty(botUserId) && encoded.Contains($"<@{botUserId}", StringComparison.Ordinal);

    // Kept as people, for Core to read as such: an owner: list; the person after "report revoke"; and someone mentioned
    // right after a start command's owner list, which Core refuses as a second owner written without owner:.
    [GeneratedRegex(@"(?<=^|\s)owners?:(<@[UW][A-Z0-9]+(\|[^<>\s]*)?>,?)+(?=\s|$)|(?<=^\s*report\s+revoke\s+)<@[UW][A-Z0-9]+(\|[^<>\s]*)?>(?=\s*$)" +
        @"|(?<=^\s*start\s(.*\s)?owners?:(<@[UW][A-Z0-9]+(\|[^<>\s]*)?>,?)+(\s+<@[UW][A-Z0-9]+(\|[^<>\s]*)?>)*\s+)<@[UW][A-Z0-9]+(\|[^<>\s]*)?>(?=\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex PersonArgument();
}
