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
    /// Whether typed text is meant as a command: empty (help), starting with a command's word, or one word a slip away
    /// from one ("stauts"), which is answered as the unknown command it is rather than taken for anything else.
    /// </summary>
    public static bool IsCommand(string? text) => Tokenise(text ?? "") switch
    {
        [] => true,
        [var only] => Verbs.Contains(only.Text) || Verbs.Any(verb => verb.Length >= 4 && Distance(only.Text.ToLowerInvariant(), verb) <= 2),
        [var first, ..] => Verbs.Contains(first.Text),
    };

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
        : $"I don't know the command \"{tokens[0].Text}\", so this message was not recorded. If you meant it as an answer, press Answer on the deliberation's card and give it there.";

    /// <summary>From how many words an unknown command reads as prose.</summary>
    private const int ProseWords = 4;
}
