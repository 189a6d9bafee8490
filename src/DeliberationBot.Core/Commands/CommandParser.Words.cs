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
        [var only] => Verbs.Contains(only.Text) || Verbs.Any(verb => verb.Length >= 4 && Distance(only.Text.ToLowerInvariant(), verb) <= 2),
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
    /// than let the person believe it was heard.
    /// </summary>
    private static string Unknown(List<Token> tokens) => tokens.Count < ProseWords
        ? $"I don't know the command \"{tokens[0].Text}\"."
        : $"I don't know the command \"{tokens[0].Text}\", so this message was not recorded. If you meant it as an answer, press Answer on the deliberation's card and give it there; as a response to a concern, press Respond under the concern.";

    /// <summary>From how many words an unknown command reads as prose.</summary>
    private const int ProseWords = 4;
}
