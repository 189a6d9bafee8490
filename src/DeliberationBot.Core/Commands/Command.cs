using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Commands;

/// <summary>A parsed command of the shared grammar, the same on every platform.</summary>
public abstract record Command;

public sealed record StartCommand(string FlowId, string Title, IReadOnlyList<UserRef> Owners, DateOnly? Due, bool Anonymous) : Command;

/// <summary><c>start</c> with no arguments: the channel offers a form.</summary>
public sealed record StartFormCommand : Command;

public sealed record StatusCommand : Command;

public sealed record RemindCommand : Command;

public sealed record CloseCommand : Command;

public sealed record ConcernsCommand : Command;

public sealed record FlowsCommand : Command;

public sealed record HelpCommand : Command;

public sealed record AddConcernCommand(string Text) : Command;

/// <summary><c>merge #4 #9</c>: concern #9 is folded into #4.</summary>
public sealed record MergeCommand(int Into, int From) : Command;

/// <summary><c>confirm S3</c> / <c>dismiss S3</c>: the facilitator settles a concern the summary only suggested.</summary>
public sealed record SuggestionCommand(int Number, bool Confirm) : Command;

public sealed record DecideCommand(DecisionOutcome Outcome, string Rationale) : Command;

public sealed record ConditionCommand(string Text, UserRef Owner, DateOnly Due) : Command;

public sealed record ExportCommand : Command;

/// <summary><c>report</c> sends the requester their link; <c>report revoke [@user]</c> stops links already sent.</summary>
public sealed record ReportCommand(bool Revoke = false, UserRef? Only = null) : Command;

/// <summary><c>invite community [lang:en,es] [until:YYYY-MM-DD] [max:N]</c>: the public link for people outside the agency.</summary>
public sealed record InviteCommand(IReadOnlyList<string>? Languages, DateOnly? Until, int? MaxPeople) : Command;

/// <summary><c>invite contacts</c>: the addresses people left on the public page to hear the decision.</summary>
public sealed record InviteContactsCommand : Command;

/// <summary><c>invite pause|resume|revoke</c>.</summary>
public sealed record InviteStateCommand(Community.InvitationState To) : Command;

public enum DigestAction
{
    Subscribe,
    Unsubscribe,
    Preview,
}

public sealed record DigestCommand(DigestAction Action, DayOfWeek? Day = null, TimeOnly? Time = null) : Command;

public static class Usage
{
    public const string Start = "start <flow> \"<proposal title>\" [owner:@user ...] [due:YYYY-MM-DD] [anonymous]";
    public const string Concern = "concern \"<what worries you>\"";
    public const string Merge = "merge #<keep> #<merge into it>";
    public const string Confirm = "confirm S<n>";
    public const string Dismiss = "dismiss S<n>";
    public const string Decide = "decide go|no-go|conditions|revisit \"<rationale>\"";
    public const string Condition = "condition \"<condition>\" owner:@user due:YYYY-MM-DD";
    public const string Report = "report | report revoke [@user]";
    public const string Invite = "invite community [lang:en,es] [until:YYYY-MM-DD] [max:N] | invite pause|resume|revoke | invite contacts";
    public const string Digest = "digest subscribe [mon|tue|wed|thu|fri|sat|sun] [HH:MM] | digest unsubscribe | digest preview";

    public static IReadOnlyList<CommandHelp> All { get; } =
    [
        new(Start, "Start a deliberation on a proposal in this conversation. Example: start ai-proposal \"Predictive screening for hotline calls\" owner:@maria due:2026-12-18"),
        new("start", "Open a form to start a deliberation."),
        new("status", "Show who has answered what so far (by stakeholder group); once closed, the decision and where each condition stands."),
        new("remind", "Remind, now, everyone who has joined but not finished; nobody twice within the hour, nobody in their quiet hours until they end (facilitator or owners)."),
        new("close", "Close the deliberation (facilitator or owners only)."),
        new("concerns", "List the concerns raised so far, each in the words of the people who raised it; from the facilitator or an owner, also send the owners what is new or changed."),
        new(Concern, "Record a concern yourself (facilitator or owners)."),
        new(Merge, "Merge two concerns that say the same thing; every person's words are kept (facilitator). Example: merge #4 #9"),
        new(Confirm, "Make a concern of one the summary suggested (facilitator)."),
        new(Dismiss, "Set aside a concern the summary suggested (facilitator)."),
        new(Decide, "Record the decision once the deliberation is closed, or amend it; the earlier one stays in the record (facilitator)."),
        new(Condition, "Add a condition to a \"go with conditions\" decision (facilitator)."),
        new("export", "Get links to the whole record as Markdown and JSON, sent to you alone (facilitator and owners)."),
        new("report", "Get your own link to the deliberation's page (charts, concerns, decision), privately."),
        new("report revoke [@user]", "Stop the page links sent so far, everyone's or one person's (facilitator)."),
        new("invite community [lang:en,es] [until:YYYY-MM-DD] [max:N]", "Get a public link and QR code for people outside the agency (residents, families, advocates) to answer the community questions anonymously, in their language (facilitator)."),
        new("invite pause|resume|revoke", "Pause the public link, open it again, or stop it for good; answers already given are kept (facilitator)."),
        new("invite contacts", "Get the email addresses or phone numbers people left on the public page to hear what was decided, privately (facilitator)."),
        new("digest subscribe [mon|tue|…] [HH:MM]", "Get a weekly digest of open concerns privately, in your own time zone (default Monday 09:00), of the deliberations in conversations you are in."),
        new("digest unsubscribe", "Stop the weekly digest."),
        new("digest preview", "See this week's digest now."),
        new("flows", "List the question flows you can start."),
        new("help", "Show this help."),
    ];
}
