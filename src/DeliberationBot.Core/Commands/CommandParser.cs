using System.Globalization;
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
            else if (t.Length > 0 && t[0] is '@' or '<' && ResolveUser(t, mentions) is { } person)
            {
                // Someone mentioned without owner: is a second owner forgotten, not a word of the title everyone reads.
                return Fail($"To make {person.Display} an owner too, write owner: before them as well, like owner:@maria owner:@lee.");
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

    [GeneratedRegex(@"^<@(?<id>[^|>\s]+)(\|(?<name>[^>]+))?>$")]
    private static partial Regex MentionToken();

    [GeneratedRegex(@"@(?<key>[\p{L}\p{Nd}_]+)")]
    private static partial Regex MentionPlaceholder();
}
