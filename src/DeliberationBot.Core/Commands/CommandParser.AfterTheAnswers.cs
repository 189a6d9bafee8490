using System.Globalization;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Commands;

/// <summary>The commands for after the answers: concerns, the decision and its conditions, digests.</summary>
public static partial class CommandParser
{
    private static (Command?, ErrorMessage?) ParseConcern(string typed, IReadOnlyDictionary<string, UserRef>? mentions)
    {
        // As long as an answer may be: a concern recorded this way is someone's words as much as one raised by answering.
        var text = Named(FreeText(typed, 1), mentions);
        return text.Length switch
        {
            0 => (null, new ErrorMessage("Write the concern after the command, in quotes.", Usage.Concern)),
            > AnswerParser.MaxTextLength => (null, new ErrorMessage(Forms.FormTexts.ConcernTooLong(AnswerParser.MaxTextLength, text.Length), Usage.Concern)),
            _ => (new AddConcernCommand(text), null),
        };
    }

    private static (Command?, ErrorMessage?) ParseMerge(List<Token> args)
    {
        var numbers = args.Select(a => int.TryParse(a.Text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null).ToList();
        return numbers is [{ } into, { } from]
            ? (new MergeCommand(into, from), null)
            : (null, new ErrorMessage("Name the concern to keep, then the one to merge into it, by their numbers.", Usage.Merge));
    }

    private static (Command?, ErrorMessage?) ParseSuggestion(List<Token> args, bool confirm)
    {
        var usage = confirm ? Usage.Confirm : Usage.Dismiss;
        return args is [var only] && only.Text.TrimStart('#') is ['S' or 's', .. var digits]
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? (new SuggestionCommand(number, confirm), null)
            : (null, new ErrorMessage("Name the suggested concern by its number as the summary shows it, like S3.", usage));
    }

    private static (Command?, ErrorMessage?) ParseDecide(List<Token> args, string typed, IReadOnlyDictionary<string, UserRef>? mentions)
    {
        if (args.Count == 0 || args[0].Quoted || !DecisionOutcomes.TryParse(args[0].Text, out var outcome))
        {
            return (null, new ErrorMessage("Say which decision: go, no-go, conditions or revisit, then the rationale in quotes.", Usage.Decide));
        }

        var rationale = Named(FreeText(typed, 2), mentions);
        return rationale.Length == 0
            ? (null, new ErrorMessage("Please give the rationale for the decision, in quotes.", Usage.Decide))
            : (new DecideCommand(outcome, rationale), null);
    }

    private static (Command?, ErrorMessage?) ParseCondition(string typed, IReadOnlyDictionary<string, UserRef>? mentions, DateOnly today)
    {
        UserRef? owner = null;
        DateOnly? due = null;
        var words = new List<string>();
        foreach (var token in ArgumentsAsTyped(typed, 1))
        {
            var t = token.Text;
            if (!token.Quoted && t.StartsWith("owner:", StringComparison.OrdinalIgnoreCase))
            {
                owner = ResolveUser(t[6..], mentions);
                if (owner is null)
                {
                    return (null, new ErrorMessage($"I couldn't tell who \"{t[6..]}\" is. Type @ and pick the person from the list.", Usage.Condition));
                }
            }
            else if (!token.Quoted && t.StartsWith("due:", StringComparison.OrdinalIgnoreCase))
            {
                if (!DateOnly.TryParseExact(t[4..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date < today)
                {
                    return (null, new ErrorMessage($"\"{t[4..]}\" is not a date from today on. Write it as due:YYYY-MM-DD.", Usage.Condition));
                }

                due = date;
            }
            else
            {
                words.Add(t);
            }
        }

        var text = Named(string.Join(' ', words).Trim(), mentions);
        return text.Length == 0 || owner is null || due is null
            ? (null, new ErrorMessage("A condition needs its text, an owner and a due date.", Usage.Condition))
            : (new ConditionCommand(text, owner, due.Value), null);
    }

    private static (Command?, ErrorMessage?) ParseReport(List<Token> args, IReadOnlyDictionary<string, UserRef>? mentions) => args switch
    {
        [] => (new ReportCommand(), null),
        [{ Text: var verb }] when verb.Equals("revoke", StringComparison.OrdinalIgnoreCase) => (new ReportCommand(Revoke: true), null),
        [{ Text: var verb }, { Text: var who }] when verb.Equals("revoke", StringComparison.OrdinalIgnoreCase) && ResolveUser(who, mentions) is { } user =>
            (new ReportCommand(Revoke: true, Only: user), null),
        _ => (null, new ErrorMessage("Type \"report\" for your link, or \"report revoke\" (optionally with @someone) to stop links already sent.", Usage.Report)),
    };

    private static (Command?, ErrorMessage?) ParseDigest(List<Token> args)
    {
        var action = args.Count == 0 ? null : args[0].Text.ToLowerInvariant();
        switch (action)
        {
            case "unsubscribe" or "stop" when args.Count == 1:
                return (new DigestCommand(DigestAction.Unsubscribe), null);
            case "preview" when args.Count == 1:
                return (new DigestCommand(DigestAction.Preview), null);
            case "subscribe" when args.Count <= 3:
                DayOfWeek? day = null;
                TimeOnly? time = null;
                foreach (var t in args.Skip(1).Select(a => a.Text))
                {
                    if (day is null && Digests.DigestSchedule.TryParseDay(t, out var d))
                    {
                        day = d;
                    }
                    else if (time is null && TimeOnly.TryParseExact(t, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                    {
                        time = at;
                    }
                    else
                    {
                        return (null, new ErrorMessage($"\"{t}\" is neither a weekday (mon … sun) nor a time like 09:00.", Usage.Digest));
                    }
                }

                return (new DigestCommand(DigestAction.Subscribe, day, time), null);
            default:
                return (null, new ErrorMessage("Say what to do with the digest: subscribe, unsubscribe or preview.", Usage.Digest));
        }
    }
}
