using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using static DeliberationBot.Slack.Rendering.Mrkdwn;

namespace DeliberationBot.Slack.Rendering;

/// <summary>
/// Block Kit for what follows the answers: an owner's concerns with a button per action they may take, the response
/// sent to the raisers (Accept / Reopen), the facilitator's decision request and the recorded decision, export links.
/// </summary>
internal static class ConcernRenderer
{
    public static void Owner(OwnerConcerns o, List<JsonObject> content)
    {
        var header = Block.Header($"{o.Holds} for you: {o.Title}");
        if (SlackIds.OwnerConcernsBlock(o.Concerns.Select(c => c.Number)) is { } listed)
        {
            header["block_id"] = listed; // to draw the message again after an action
        }
        content.Add(header);
        content.Add(Block.Section(o.AwaitingResponse > 0
            ? $"{o.Holds} on *{Escape(o.Title)}* for you to act on. {o.WhoSeesResponse}"
            : $"{o.Holds} on *{Escape(o.Title)}*: {Escape(o.NothingToAnswer)}"));
        foreach (var c in o.Concerns)
        {
            AddConcern(c, content);
        }
    }

    public static void Response(ConcernResponseNotice n, List<JsonObject> content)
    {
        var lead = Block.Section(n.Lead($"*{Escape(n.Title)}*", Escape) + " " + Escape(n.NextStep));
        lead["block_id"] = SlackIds.RaisersNoticeBlock(n.InConversation); // to draw the notice again after Accept or Reopen
        content.Add(lead);
        AddConcern(n.Concern, content);
        if (n.InConversation && n.Concern.Actions.Count > 0)
        {
            content.Add(Block.Context("Anyone else who presses a button is told so privately; nothing changes."));
        }
    }

    public static void DecisionRequest(DecisionRequest r, List<JsonObject> content, List<JsonObject> trailer)
    {
        content.Add(Block.Section($"*{Escape(r.Title)}* is closed with {GroupWords.Count(r.UnresolvedConcerns, "unresolved concern")}. What is the decision?"));
        if (r.Unresolved.Count > 0)
        {
            content.Add(Block.Section(Escape(Core.Concerns.DecisionRequest.UnresolvedHeading)));
            foreach (var concern in r.Unresolved)
            {
                AddConcern(concern, content);
            }
        }

        content.Add(Block.Context("Or type `/deliberate " + Escape(Usage.Decide) + "` in its channel."));
        trailer.Add(Block.Actions(SlackIds.ButtonsBlock, Block.Button("Record the decision", SlackIds.DecideAction, r.DeliberationId.ToString("N"), primary: true)));
    }

    public static void DecisionRecorded(DecisionRecorded r, List<JsonObject> content)
    {
        var d = r.Decision;
        content.Add(Block.Header((r.Previous is null ? "Decision: " : "Decision amended: ") + d.Outcome.Label()));
        if (r.LeadForRaiser($"*{Escape(r.Title)}*") is { } lead)
        {
            content.Add(Block.Section(lead));
        }

        if (r.Previous is { } was)
        {
            // Sections, not a context block: the earlier rationale is someone's words, and may be as long as a form allows.
            content.AddRange(Block.Verbatim(
                $"This amends the decision of {was.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({was.Outcome.Label()}: {was.Rationale}), which stays in the record."));
        }

        content.Add(Block.Section($"*{Escape(r.Title)}*: *{Escape(d.Outcome.Label())}*"));
        content.AddRange(Block.Verbatim(d.Rationale));
        content.Add(Block.Section("— " + Mention(d.DecidedBy)));
        if (r.UnresolvedLine is { } unresolved)
        {
            content.Add(Block.Context(Escape(unresolved)));
        }

        if (r.Conditions.Count > 0)
        {
            content.Add(Block.Section("*Conditions*"));
            content.AddRange(r.Conditions.SelectMany(c => Block.Verbatim(Text(c))));
        }

        if (r.NextForRaiser is { } next)
        {
            content.Add(Block.Section($"*{Escape(r.YoursHeading)}*"));
            foreach (var concern in r.Yours)
            {
                AddConcern(concern, content);
            }

            content.Add(Block.Context(Escape(next)));
        }
    }

    /// <summary>The decision where it is shown without its own message (the card, the status): its headline, its rationale as written, each condition.</summary>
    public static void Decided(Decision decision, IReadOnlyList<ConcernView> conditions, List<JsonObject> content)
    {
        content.Add(Block.Section($"*{Escape(decision.Headline())}*"));
        content.AddRange(Block.Verbatim(decision.Rationale));
        if (conditions.Count > 0)
        {
            content.Add(Block.Section("*Conditions*"));
            content.AddRange(conditions.SelectMany(c => Block.Verbatim(Text(c))));
        }
    }

    public static void ConditionNotice(ConditionNotice c, List<JsonObject> content)
    {
        content.Add(Block.Section(c.Lead($"*{Escape(c.Title)}*")));
        AddConcern(c.Condition, content);
    }

    public static void Export(ExportLink e, List<JsonObject> content)
    {
        content.Add(Block.Section($"The record of *{Escape(e.Title)}*: {Link(e.Markdown, "Markdown")} · {Link(e.Json, "JSON")}"));
        content.Add(Block.Context($"The links work until {Mrkdwn.LocalTime(e.Expires)}; anyone who has them can read the record until then."));
    }

    public static void Report(Core.Reports.ReportLink r, List<JsonObject> content)
    {
        content.Add(Block.Section($"Your page for *{Escape(r.Title)}*: {Link(r.Page, "open it")}"));
        content.Add(Block.Context($"The link is yours alone and works until {Mrkdwn.LocalTime(r.Expires)}; please don't forward it."));
    }

    /// <summary>The public link and its QR code; the rest of the lines as every channel words them.</summary>
    public static void CommunityLink(Core.Community.CommunityInvitationLink c, List<JsonObject> content)
    {
        content.Add(Block.Section($"Public link for community members to answer *{Escape(c.Title)}*: {Link(c.Page, c.Page.AbsoluteUri)}\nQR code to print: {Link(c.QrCode, "PNG")}"));
        content.Add(Block.Context(Escape(string.Join(" ", PlainTextRenderer.CommunityLinkLines(c).Skip(3)))));
    }

    /// <summary>The addresses, as typed by the public (plain text, never linked by Slack), in as many sections as they need.</summary>
    public static void CommunityContacts(Core.Community.CommunityContactList c, List<JsonObject> content) =>
        content.AddRange(Block.Verbatim(string.Join("\n", PlainTextRenderer.CommunityContactLines(c))));

    /// <summary>A concern's text, groups, status and response; then one button per action the reader may take.</summary>
    private static void AddConcern(ConcernView c, List<JsonObject> content)
    {
        content.AddRange(Block.Verbatim(Text(c)));
        if (c.Actions.Count > 0)
        {
            content.Add(Block.Actions($"concern_{c.Id:N}", [.. c.Actions.Select(a => Block.Button(
                PlainTextRenderer.ActionLabel(a, c.Kind), SlackIds.ConcernActionId(a), c.Id.ToString("N"), primary: a is ConcernAction.MarkAddressed or ConcernAction.Accept))]));
        }
    }

    /// <summary>
    /// A concern as plain text, shown as written (see <see cref="Block.Verbatim"/>): its number, each person's words with
    /// their group (and name when named), the question as context, owner, status and response.
    /// </summary>
    public static string Text(ConcernView c)
    {
        // Named in words, not only "#3": plain text has no bold to set the number apart.
        var sb = new StringBuilder(c.Name);
        if (c.Heading is { } heading)
        {
            sb.Append(": ").Append(heading);
        }

        foreach (var note in c.Notes)
        {
            sb.Append('\n').Append(note);
        }

        void Voice(ConcernVoice v)
        {
            sb.Append("\n\u201C").Append(v.Text).Append("\u201D\n\u2014 ").Append(ConcernView.Attribution(v));
            if (c.ChangeOf(v) is { } mark)
            {
                sb.Append(" \u00B7 ").Append(mark);
            }
        }

        foreach (var (voices, context) in c.RaisingInContext)
        {
            foreach (var v in voices)
            {
                Voice(v);
            }

            if (context is not null)
            {
                sb.Append('\n').Append(context);
            }
        }

        foreach (var v in c.OnReopening)
        {
            Voice(v);
        }

        if (c.Owner is not null)
        {
            sb.Append("\nOwner: ").Append(c.Owner.Display);
            if (c.Due is { } due)
            {
                sb.Append(", due ").Append(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        sb.Append("\nStatus: ").Append(c.StatusWords);
        if (!string.IsNullOrWhiteSpace(c.Response))
        {
            sb.Append('\n').Append(c.ResponseLabel).Append(": ").Append(c.Response);
        }

        return sb.ToString();
    }

    /// <summary>Every concern of a deliberation, in the words of the people who raised it.</summary>
    public static void List(ConcernList list, List<JsonObject> content)
    {
        content.Add(Block.Header($"Concerns: {list.Title}"));
        content.Add(Block.Section(list.Lead + (list.Concerns.Count == 0 ? "." : ":")));
        content.AddRange(list.Concerns.SelectMany(c => Block.Verbatim(Text(c))));
    }

    /// <summary>What the owners will receive from the answer just flagged, and the small-group warning.</summary>
    public static void Preview(ConcernPreview? p, List<JsonObject> content)
    {
        if (p is null)
        {
            return;
        }

        content.Add(Block.Section($"*{Escape(p.Lead)}*"));
        content.AddRange(Block.Verbatim($"\u201C{p.Words}\u201D\n\u2014 {p.Attribution}\nOn: {p.QuestionText}"));
        if (p.Warning is { } warning)
        {
            content.Add(Block.Context(":warning: " + Escape(warning)));
        }
    }

    /// <summary>A mrkdwn link to one of our own URLs: escaped, and with no character that could end the link early.</summary>
    internal static string Link(Uri url, string label) =>
        $"<{Escape(url.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal))}|{label}>";
}
