using System.Text;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Core.Messaging;

/// <summary>Concerns, suggestions and the public link in plain text; the wording other renderers reuse.</summary>
public static partial class PlainTextRenderer
{
    private static void AppendDecision(StringBuilder sb, DecisionRecorded r)
    {
        if (r.LeadForRaiser($"\"{r.Title}\"") is { } lead)
        {
            sb.AppendLine(lead);
        }

        AppendConcerns(sb, $"Decision on \"{r.Title}\": {r.Decision.Outcome.Label()} — {r.Decision.Rationale} ({r.Decision.DecidedBy.Display})", r.Conditions);
        if (r.UnresolvedLine is { } unresolvedLine)
        {
            sb.AppendLine(unresolvedLine);
        }

        if (r.NextForRaiser is { } next)
        {
            AppendConcerns(sb, r.YoursHeading, r.Yours);
            sb.AppendLine(next);
        }
    }

    /// <summary>The decision where it is shown without its own message (the card, the status): its headline, its rationale as written, each condition.</summary>
    private static void AppendDecided(StringBuilder sb, Decision decision, IEnumerable<ConcernView> conditions) =>
        AppendConcerns(sb, $"{decision.Headline()} — {decision.Rationale}", conditions);

    private static void AppendConcerns(StringBuilder sb, string heading, IEnumerable<ConcernView> concerns)
    {
        sb.AppendLine(heading);
        foreach (var c in concerns)
        {
            AppendConcern(sb, c);
        }
    }

    private static void AppendConcern(StringBuilder sb, ConcernView c)
    {
        var owner = c.Owner is null ? "" : $" — owner {c.Owner.Display}{(c.Due is { } due ? $", due {due:yyyy-MM-dd}" : "")}";
        var kind = c.Kind != ConcernKind.Condition ? null : c.Heading is null ? "Condition" : "Condition:";
        var heading = string.Join(' ', new[] { $"#{c.Number}", kind, c.Heading }.OfType<string>());
        sb.AppendLine($"  {heading}{owner} · {c.StatusWords}");
        foreach (var note in c.Notes)
        {
            sb.AppendLine($"    {note}");
        }

        void Voice(ConcernVoice v) => sb.AppendLine($"    \"{v.Text}\" — {ConcernView.Attribution(v)}{(c.ChangeOf(v) is { } mark ? " · " + mark : "")}");
        foreach (var (voices, context) in c.RaisingInContext)
        {
            foreach (var v in voices)
            {
                Voice(v);
            }

            if (context is not null)
            {
                sb.AppendLine($"    {context}");
            }
        }

        foreach (var v in c.OnReopening)
        {
            Voice(v);
        }

        if (c.Response is not null)
        {
            sb.AppendLine($"    {c.ResponseLabel}: {c.Response}");
        }

        if (c.Actions.Count > 0)
        {
            sb.AppendLine($"    [{string.Join("] [", c.Actions.Select(a => ActionLabel(a, c.Kind)))}]");
        }
    }

    /// <summary>The suggested concerns still waiting for the facilitator, numbered, with what to type.</summary>
    public static IEnumerable<string> SuggestionLines(SummaryReport report)
    {
        var waiting = report.Suggestions.Where(s => s.Status == SuggestionStatus.Suggested).ToList();
        if (waiting.Count == 0)
        {
            yield break;
        }

        yield return "SUGGESTED CONCERNS (suggested by the AI, not raised by anyone; the facilitator confirms or dismisses each)";
        foreach (var s in waiting)
        {
            yield return $"- {s.Label}: {s.Text}{(s.Cites.Count == 0 ? "" : " " + SummaryText.Cites(s.Cites))} — type confirm {s.Label} or dismiss {s.Label}";
            if (report.QuotesFor(s) is [_, ..] quotes)
            {
                yield return "  " + SummaryText.RestingOnHeading;
                foreach (var quote in quotes)
                {
                    yield return "    " + SummaryText.RestingOn(quote, '"', '"');
                }
            }
        }
    }

    /// <summary>What came through the public page, for every channel's status.</summary>
    public static string CommunityLine(Community.CommunityStatus c) =>
        $"Community answers from the public page (link {StateWord(c.State)}): {c.People} {(c.People == 1 ? "person" : "people")}, {c.Answers} {(c.Answers == 1 ? "answer" : "answers")}";

    /// <summary>The facilitator's private list of addresses left on the public page, line by line, for every channel.</summary>
    public static IEnumerable<string> CommunityContactLines(Community.CommunityContactList c)
    {
        if (c.Contacts.Count == 0)
        {
            yield return $"Nobody has left an address on the public page of \"{c.Title}\" yet.";
            yield break;
        }

        yield return $"{c.Contacts.Count} {(c.Contacts.Count == 1 ? "person" : "people")} left an address on the public page of \"{c.Title}\" to hear what is decided. " +
            "Use them only for that; they are kept apart from the answers:";
        foreach (var contact in c.Contacts)
        {
            yield return $"  {contact.Address} (language {contact.Language}, {contact.At:yyyy-MM-dd})";
        }
    }

    /// <summary>The facilitator's private message about the public link, line by line, for every channel.</summary>
    public static IEnumerable<string> CommunityLinkLines(Community.CommunityInvitationLink c)
    {
        yield return $"Public link for community members to answer \"{c.Title}\" (link {StateWord(c.State)}):";
        yield return $"  {c.Page}";
        yield return $"QR code to print (PNG): {c.QrCode}";
        var settings = new List<string> { "Languages: " + string.Join(", ", c.Languages) };
        if (c.Until is { } until)
        {
            settings.Add($"works until {until:yyyy-MM-dd}");
        }

        if (c.MaxPeople is { } max)
        {
            settings.Add($"up to {max} people");
        }

        yield return $"{string.Join("; ", settings)}. {c.People} {(c.People == 1 ? "person has" : "people have")} answered so far.";
        yield return c.Note;
    }

    private static string StateWord(Community.InvitationState state) => state switch
    {
        Community.InvitationState.Open => "open",
        Community.InvitationState.Paused => "paused",
        _ => "revoked",
    };

    /// <summary>"7 (5 unresolved)".</summary>
    public static string ConcernCount(StatusReport s) => s.Concerns == 0 ? "none" : $"{s.Concerns} ({s.UnresolvedConcerns} unresolved)";

    /// <summary>The label of the box the facilitator writes in to close a concern without the people who raised it.</summary>
    public const string CloseReasonLabel = "Why it closes without the people who raised it";

    /// <summary>A button's label; a condition of the decision is met, or not, rather than addressed.</summary>
    public static string ActionLabel(ConcernAction action, ConcernKind kind) => action switch
    {
        ConcernAction.Acknowledge => "Acknowledge",
        ConcernAction.Respond => "Respond",
        ConcernAction.MarkAddressed when kind == ConcernKind.Condition => "Mark met",
        ConcernAction.WontAddress when kind == ConcernKind.Condition => "Won't be met",
        ConcernAction.MarkAddressed => "Mark addressed",
        ConcernAction.WontAddress => "Won't address",
        ConcernAction.Accept => "Accept the response",
        ConcernAction.Reopen => "Reopen",
        _ => "Close without raisers",
    };
}
