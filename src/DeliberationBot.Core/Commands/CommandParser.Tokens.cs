using System.Buffers;
using System.Text;

namespace DeliberationBot.Core.Commands;

/// <summary>How a command's text splits into words: quoted text and platform mentions stay whole, free text stays as typed.</summary>
public static partial class CommandParser
{
    private sealed record Token(string Text, bool Quoted);

    /// <summary>Splits on white space, keeping "quoted text" (straight or curly quotes) and &lt;…&gt; mentions together.</summary>
    private static List<Token> Tokenise(string text)
    {
        var tokens = new List<Token>();
        var current = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        var inMention = false;
        foreach (var c in text.Trim())
        {
            // A platform mention (<@29:abc|Maria Garcia>) is one token, spaces in the name included.
            if (!quoted && c == '<')
            {
                inMention = true;
            }
            else if (inMention && c == '>')
            {
                inMention = false;
            }

            if (inMention && char.IsWhiteSpace(c))
            {
                current.Append(c);
            }
            else if (IsQuote(c))
            {
                if (quoted)
                {
                    Flush();
                }

                quoted = !quoted;
                wasQuoted = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                Flush();
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0 || (wasQuoted && quoted))
            {
                tokens.Add(new Token(current.ToString(), wasQuoted));
            }

            current.Clear();
            wasQuoted = false;
        }
    }

    /// <summary>
    /// What follows the first <paramref name="words"/> words of <paramref name="text"/>, as typed, without the quotes
    /// around it: a concern or a decision's rationale keeps its own quotation marks, line breaks and spacing, which
    /// splitting it into tokens and joining them again would drop ("the "night shift" wasn't asked").
    /// </summary>
    private static string FreeText(string text, int words)
    {
        var rest = AfterWords(text, words);
        if (rest.Length > 0 && IsQuote(rest[0]))
        {
            rest = rest[1..];
            if (rest.Length > 0 && IsQuote(rest[^1]))
            {
                rest = rest[..^1];
            }
        }

        return rest.Trim().ToString();
    }

    /// <summary>
    /// The arguments after the first <paramref name="words"/> words, as tokens, except that everything between the first
    /// and the last quotation mark is one quoted token, as typed: a title or a condition keeps the quotation marks and
    /// spacing inside it, while the options around it (owner:, due:) are read as before.
    /// </summary>
    private static List<Token> ArgumentsAsTyped(string text, int words)
    {
        var rest = AfterWords(text, words);
        var first = rest.IndexOfAny(Quotes);
        var last = rest.LastIndexOfAny(Quotes);
        if (first < 0 || last <= first)
        {
            return Tokenise(rest.ToString());
        }

        return [.. Tokenise(rest[..first].ToString()), new Token(rest[(first + 1)..last].ToString(), Quoted: true), .. Tokenise(rest[(last + 1)..].ToString())];
    }

    private static ReadOnlySpan<char> AfterWords(string text, int words)
    {
        var rest = text.AsSpan().Trim();
        for (var i = 0; i < words; i++)
        {
            var end = 0;
            while (end < rest.Length && !char.IsWhiteSpace(rest[end]))
            {
                end++;
            }

            rest = rest[end..].TrimStart();
        }

        return rest;
    }

    private static readonly SearchValues<char> Quotes = SearchValues.Create("\"\u201C\u201D");

    private static bool IsQuote(char c) => Quotes.Contains(c);
}
