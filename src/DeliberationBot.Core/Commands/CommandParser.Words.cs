using System.Text.RegularExpressions;
using DeliberationBot.Core.Concerns;

namespace DeliberationBot.Core.Commands;

/// <summary>The words commands start with, and what is said of text that starts with none of them.</summary>
public static partial class CommandParser
{
    /// <summary>Every word a command starts with: what <see cref="Parse"/> parses, and all it parses.</summary>
    internal static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "start", "new", "status", "progress", "remind", "close", "end", "concerns", "concern", "merge", "confirm", "dismiss", "decide", "decision",
        "condition", "export", "report", "digest", "invite", "flows", "help", "?",
    };

    /// <summary>
    /// Whether text typed where words also answer a question (a private chat, a deliberation's thread) is meant as a
    /// command: empty (help); one word that is a command's word or a slip away from one ("stauts"), which is answered as
    /// the unknown command it is rather than taken for anything else; or several words that start with a command's word
    /// and read as that command. Prose that happens to start with one ("Help screeners decide…", "Close monitoring is
    /// needed…", "Start with the families…", "Report writing takes an hour…") is no command: it is the person's answer.
    /// </summary>
    /// <param name="isFlow">Whether a word names a flow, which tells "start quick-check …" from "Start with …".</param>
    public static bool IsCommand(string? text, Func<string, bool> isFlow) => Tokenise(text ?? "") switch
    {
        [] => true,
        [var only] => Verbs.Contains(only.Text) || NearestVerb(only.Text) is not null,
        [var first, .. var rest] => Verbs.Contains(first.Text) && ReadsAsCommand(first.Text.ToLowerInvariant(), rest, text!, isFlow),
    };

    private static bool ReadsAsCommand(string verb, List<Token> rest, string text, Func<string, bool> isFlow) => verb switch
    {
        "help" or "?" or "status" or "progress" or "remind" or "close" or "end" or "concerns" or "export" or "flows" => false, // these take no words
        "start" or "new" => isFlow(rest[0].Text) || rest.Any(CommandSyntax),
        "concern" => rest.Any(CommandSyntax), // the command quotes its words; "Concern about…" is someone's answer
        "decide" or "decision" => DecisionOutcomes.TryParse(rest[0].Text, out _) || rest.Any(CommandSyntax),
        // A date only matters after "due:", which is command syntax already.
        _ => rest.Any(CommandSyntax) || Parse(text, null, DateOnly.MinValue).Command is not null,
    };

    /// <summary>What prose does not have: a quoted part, an option (due:, owner:, lang:…), a mention, a number like #3 or S3.</summary>
    private static bool CommandSyntax(Token token) =>
        token.Quoted || token.Text.StartsWith('@') || token.Text.StartsWith('<') || CommandToken().IsMatch(token.Text);

    [GeneratedRegex(@"^(?:(?:owners?|due|lang(?:uages?|s)?|until|max):|#\d|[Ss]\d+$)", RegexOptions.IgnoreCase)]
    private static partial Regex CommandToken();

    /// <summary>Edits (insert, delete, replace, swap two neighbours) from one short word to another.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>
    /// An unknown command; several words are more likely an answer typed where commands are read, which says so rather
    /// than let the person believe it was heard. One word says what the person may have meant: a command a slip away
    /// ("stauts"), or where the thing they asked for is.
    /// </summary>
    private static string Unknown(List<Token> tokens)
    {
        var said = $"I don't know the command \"{tokens[0].Text}\"";
        if (tokens.Count >= ProseWords)
        {
            return $"{said}, so this message was not recorded. If you meant it as an answer, press Answer on the deliberation's card and give it there; as a response to a concern, press Respond under the concern.";
        }

        var word = tokens[0].Text.ToLowerInvariant();
        if (Meant.TryGetValue(word, out var where))
        {
            return $"{said}. {where}";
        }

        return NearestVerb(word) is { } nearest ? $"{said}. Did you mean \"{nearest}\"?" : $"{said}. {EveryCommand}";
    }

    /// <summary>The command's word a slip away from <paramref name="word"/> (at most two edits, of a word of four letters or more).</summary>
    private static string? NearestVerb(string word)
    {
        var lower = word.ToLowerInvariant();
        return Verbs.Where(verb => verb.Length >= 4).Select(verb => (Verb: verb, Edits: Distance(lower, verb))).Where(x => x.Edits <= 2)
            .OrderBy(x => x.Edits).ThenBy(x => x.Verb, StringComparer.Ordinal).Select(x => x.Verb).FirstOrDefault();
    }

    /// <summary>Words people try for something that is not a command of its own, and where that thing is.</summary>
    private static readonly Dictionary<string, string> Meant = new(StringComparer.Ordinal)
    {
        ["summary"] = SummaryIsAt,
        ["summarise"] = SummaryIsAt,
        ["summarize"] = SummaryIsAt,
        ["results"] = SummaryIsAt,
        ["join"] = TakingPartIsAt,
        ["answer"] = TakingPartIsAt,
        ["participate"] = TakingPartIsAt,
        ["launch"] = StartIs,
        ["begin"] = StartIs,
        ["create"] = StartIs,
        ["open"] = StartIs,
    };

    private const string StartIs = "To start a deliberation, type: " + Usage.Start + " (\"flows\" lists the flows).";

    private const string EveryCommand = "Type \"help\" to see every command.";

    private const string SummaryIsAt = "The summary is posted in this conversation when the deliberation closes (\"close\"); \"report\" sends you your own page with the summary so far.";

    private const string TakingPartIsAt = "To take part, press Answer on the deliberation's card in this conversation.";

    /// <summary>From how many words an unknown command reads as prose.</summary>
    private const int ProseWords = 4;
}
