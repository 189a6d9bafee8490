using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Forms;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Commands;

/// <summary>
/// Parses the shared command grammar. Mentions arrive either as platform mention tokens (<c>&lt;@U123|maria&gt;</c>,
/// which adapters normalise to) or as plain <c>@name</c> resolved through the mentions the platform reported.
/// Mistakes come back as an <see cref="ErrorMessage"/> with the right usage; parsing never throws.
/// </summary>
public static partial class CommandParser
{
    public static (Command? Command, ErrorMessage? Error) Parse(string? text, IReadOnlyDictionary<string, UserRef>? mentions, DateOnly today)
    {
        text ??= "";
        var tokens = Tokenise(text);
        if (tokens.Count == 0)
        {
            return (new HelpCommand(), null);
        }

        var verb = tokens[0].Text.ToLowerInvariant();
        if (!Verbs.Contains(verb))
        {
            return (null, new ErrorMessage(Unknown(tokens)));
        }

        var rest = tokens.Skip(1).ToList();
        return verb switch
        {
            "start" or "new" => rest.Count == 0 ? (new StartFormCommand(), null) : ParseStart(rest, text, mentions, today),
            "status" or "progress" => NoArguments(new StatusCommand(), "status", rest),
            "remind" => NoArguments(new RemindCommand(), "remind", rest),
            "close" or "end" => NoArguments(new CloseCommand(), "close", rest),
            "concerns" => NoArguments(new ConcernsCommand(), "concerns", rest),
            "concern" => ParseConcern(text, mentions),
            "merge" => ParseMerge(rest),
            "confirm" => ParseSuggestion(rest, confirm: true),
            "dismiss" => ParseSuggestion(rest, confirm: false),
            "decide" or "decision" => ParseDecide(rest, text, mentions),
            "condition" => ParseCondition(text, mentions, today),
            "export" => NoArguments(new ExportCommand(), "export", rest),
            "report" => ParseReport(rest, mentions),
            "digest" => ParseDigest(rest),
            "invite" => ParseInvite(rest, today),
            "flows" => NoArguments(new FlowsCommand(), "flows", rest),
            "help" or "?" => (new HelpCommand(), null),
            _ => throw new InvalidOperationException($"\"{verb}\" is listed as a command's word but not parsed."),
        };
    }

    private static (Command?, ErrorMessage?) NoArguments(Command command, string verb, List<Token> rest) =>
        rest.Count == 0 ? (command, null) : (null, new ErrorMessage($"\"{verb}\" takes no arguments.", verb));

    private static (Command?, ErrorMessage?) ParseStart(List<Token> args, string typed, IReadOnlyDictionary<string, UserRef>? mentions, DateOnly today)
    {
        var flowId = args[0].Text;
        if (args[0].Quoted || flowId.Contains(':', StringComparison.Ordinal))
        {
            return Fail("Tell me which flow to use first (see \"flows\"), then the proposal title in quotes.");
        }

        var owners = new List<UserRef>();
        var titleParts = new List<string>();
        DateOnly? due = null;
        var anonymous = false;
        foreach (var token in ArgumentsAsTyped(typed, 2))
        {
            var t = token.Text;
            if (token.Quoted)
            {
                titleParts.Add(t);
            }
            else if (t.StartsWith("owner:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("owners:", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var who in t[(t.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    var owner = ResolveUser(who, mentions);
                    if (owner is null)
                    {
                        return Fail($"I couldn't tell who \"{who}\" is. Type @ and pick the person from the list, like owner:@maria.");
                    }

                    if (owners.All(o => o.Id != owner.Id))
                    {
                        owners.Add(owner);
                    }
                }
            }
            else if (t.StartsWith("due:", StringComparison.OrdinalIgnoreCase))
            {
                if (!DateOnly.TryParseExact(t[4..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return Fail($"\"{t[4..]}\" is not a date I understand. Write the deadline as due:YYYY-MM-DD, for example due:{today.AddDays(14):yyyy-MM-dd}.");
                }

                if (date < today)
                {
                    return Fail(FormTexts.DeadlinePassed(date));
                }

                due = date;
            }
            else if (t.Equals("anonymous", StringComparison.OrdinalIgnoreCase))
            {
                anonymous = true;
            }
            else if (t.Contains(':', StringComparison.Ordinal) && !t.StartsWith('<'))
            {
                return Fail($"I don't know the option \"{t}\". Options are owner:@user, due:YYYY-MM-DD and anonymous.");
            }
            else
            {
                titleParts.Add(t);
            }
        }

        var title = Named(string.Join(' ', titleParts).Trim(), mentions);
        if (title.Length == 0)
        {
            return Fail("The proposal needs a title, in quotes.");
        }

        if (title.Length > 200)
        {
            return Fail(FormTexts.TitleTooLong);
        }

        return (new StartCommand(flowId.ToLowerInvariant(), title, owners, due, anonymous), null);

        static (Command?, ErrorMessage?) Fail(string text) => (null, new ErrorMessage(text, Usage.Start));
    }

    private static UserRef? ResolveUser(string token, IReadOnlyDictionary<string, UserRef>? mentions)
    {
        var match = MentionToken().Match(token);
        if (match.Success)
        {
            var name = match.Groups["name"].Success ? match.Groups["name"].Value : null;
            return new UserRef(match.Groups["id"].Value, name);
        }

        return Mentioned(token.TrimStart('@'), mentions);
    }

    /// <summary>The person an adapter's mention placeholder ("@Key", given without the "@") stands for.</summary>
    private static UserRef? Mentioned(string key, IReadOnlyDictionary<string, UserRef>? mentions)
    {
        if (key.Length > 0 && mentions is not null)
        {
            foreach (var (k, user) in mentions)
            {
                if (string.Equals(k.TrimStart('@'), key, StringComparison.OrdinalIgnoreCase))
                {
                    return user;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Free text (a title, a concern, a rationale, a condition) with each mention placeholder that stands for someone
    /// ("@Maria_Garcia", which Teams' adapter puts for a mention) written back as the person's name ("@Maria Garcia"),
    /// so the words read as they were typed. Slack's mentions already arrive as readable text.
    /// </summary>
    private static string Named(string text, IReadOnlyDictionary<string, UserRef>? mentions) =>
        mentions is not { Count: > 0 } || !text.Contains('@', StringComparison.Ordinal) ? text : WithNames(text, mentions);

    // Apart from Named, so the lambda's closure is made only when there is a name to write.
    private static string WithNames(string text, IReadOnlyDictionary<string, UserRef> mentions) =>
        MentionPlaceholder().Replace(text, m => Mentioned(m.Groups["key"].Value, mentions) is { Name: { Length: > 0 } name } ? "@" + name : m.Value);

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

    [GeneratedRegex(@"^<@(?<id>[^|>\s]+)(\|(?<name>[^>]+))?>$")]
    private static partial Regex MentionToken();

    [GeneratedRegex(@"@(?<key>[\p{L}\p{Nd}_]+)")]
    private static partial Regex MentionPlaceholder();
}
