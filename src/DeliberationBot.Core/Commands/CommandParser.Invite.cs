using System.Globalization;
using DeliberationBot.Core.Community;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Commands;

/// <summary><c>invite</c>: the community page's public link.</summary>
public static partial class CommandParser
{
    private const int MostPeople = 100_000;

    private static (Command?, ErrorMessage?) ParseInvite(List<Token> args, DateOnly today)
    {
        var verb = args.Count == 0 ? null : args[0].Text.ToLowerInvariant();
        switch (verb)
        {
            case "pause" or "resume" or "revoke" when args.Count == 1:
                return (new InviteStateCommand(verb switch { "pause" => InvitationState.Paused, "resume" => InvitationState.Open, _ => InvitationState.Revoked }), null);
            case "contacts" when args.Count == 1:
                return (new InviteContactsCommand(), null);
            case "community":
                break;
            default:
                return Fail("Say \"invite community\" for the public link, \"invite pause\", \"invite resume\" or \"invite revoke\" to control it, or \"invite contacts\" for the addresses people left.");
        }

        List<string>? languages = null;
        DateOnly? until = null;
        int? max = null;
        foreach (var t in args.Skip(1).Select(a => a.Text))
        {
            var (name, value) = t.IndexOf(':', StringComparison.Ordinal) is var i and > 0 ? (t[..i].ToLowerInvariant(), t[(i + 1)..]) : (t, "");
            switch (name)
            {
                case "lang" or "langs" or "language" or "languages":
                    languages = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.ToLowerInvariant()).Distinct()];
                    if (languages.Count == 0 || languages.Any(l => !Flows.FlowParser.LanguageTag().IsMatch(l)))
                    {
                        return Fail($"\"{value}\" is not a list of language codes. Write them like lang:en,es.");
                    }

                    break;
                case "until":
                    if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date < today)
                    {
                        return Fail($"\"{value}\" is not a date from today on. Write the last day the link works as until:YYYY-MM-DD, for example until:{today.AddDays(21):yyyy-MM-dd}.");
                    }

                    until = date;
                    break;
                case "max":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MostPeople)
                    {
                        return Fail($"\"{value}\" is not a number of people from 1 to {MostPeople}. Write it like max:200.");
                    }

                    max = n;
                    break;
                default:
                    return Fail($"I don't know the option \"{t}\". Options are lang:en,es, until:YYYY-MM-DD and max:N.");
            }
        }

        return (new InviteCommand(languages, until, max), null);

        static (Command?, ErrorMessage?) Fail(string text) => (null, new ErrorMessage(text, Usage.Invite));
    }
}
