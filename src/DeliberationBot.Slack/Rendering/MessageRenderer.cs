using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using static DeliberationBot.Slack.Rendering.Mrkdwn;

namespace DeliberationBot.Slack.Rendering;

/// <summary>Renders every outgoing message as a Block Kit message. All inserted text is escaped; sizes stay within Slack's limits.</summary>
internal static class MessageRenderer
{
    /// <summary>The message as one Slack message; for messages that can be long, use <see cref="RenderPages"/>, which never cuts.</summary>
    public static SlackMessage Render(OutgoingMessage message)
    {
        var (content, trailer) = Build(message);
        var blocks = Block.Fit(content, trailer, SlackLimits.MessageBlocks, SlackLimits.MessageBlockTextBudget);
        return new SlackMessage(Fallback(message), blocks);
    }

    /// <summary>
    /// The message as one Slack message or, when it is too long for one, several: each within Slack's limits, the first
    /// saying that the rest follows in its thread, each after it numbered. Nothing is cut.
    /// </summary>
    /// <param name="threaded">Whether the parts after the first go in its thread (posts) or simply follow it (ephemeral messages).</param>
    public static IReadOnlyList<SlackMessage> RenderPages(OutgoingMessage message, bool threaded = true)
    {
        var (content, trailer) = Build(message);
        var pages = Block.Pages(content, trailer, SlackLimits.MessageBlocks, SlackLimits.MessageBlockTextBudget);
        if (pages.Count == 1)
        {
            return [new SlackMessage(Fallback(message), new JsonArray([.. pages[0]]))];
        }

        return [.. pages.Select((page, i) =>
        {
            var note = i == 0
                ? $"Part 1 of {pages.Count}: this is long, so the rest follows {(threaded ? "in this message's thread" : "in the next messages")}."
                : $"Part {i + 1} of {pages.Count}.";
            var blocks = new JsonArray([.. page.Prepend(Block.Context(Escape(note)))]);
            return new SlackMessage(i == 0 ? Fallback(message) : Escape(note), blocks);
        })];
    }

    private static (List<JsonObject> Content, List<JsonObject> Trailer) Build(OutgoingMessage message)
    {
        var content = new List<JsonObject>();
        var trailer = new List<JsonObject>();
        switch (message)
        {
            case DeliberationCard c:
                Card(c, content, trailer);
                break;
            case StatusReport s:
                Status(s, content);
                break;
            case FlowList f:
                content.Add(Block.Header("Flows you can start"));
                content.AddRange(f.Flows.Select(flow => Block.Section(
                    $"*{Escape(flow.Title)}* (`{Escape(flow.Id)}`, {flow.QuestionCount} questions)\n{Escape(flow.Description)}")));
                break;
            case HelpMessage h:
                content.Add(Block.Section("*Commands* — type `/deliberate` followed by one of these:"));
                content.AddRange(h.Commands.Select(cmd => Block.Section($"`{Escape(cmd.Usage)}`\n{Escape(cmd.Description)}")));
                break;
            case ConcernList list:
                ConcernRenderer.List(list, content);
                break;
            case ReminderNotice r:
                content.Add(Block.Section(Escape(Plain(r))));
                trailer.Add(AnswerButton(r.DeliberationId, "Continue answering"));
                break;
            case QuestionPrompt q:
                ReviewRenderer.Notice(q.Notice, content);
                ConcernRenderer.Preview(q.JustFlagged, content);
                content.Add(Block.Context(Escape($"{q.DeliberationTitle} · {q.SectionTitle} · {PlainTextRenderer.Progress(q)}")));
                content.Add(Block.Section($"*{Escape(q.Text)}*"));
                if (q.ReadWithConcern)
                {
                    content.Add(Block.Context(Escape(QuestionPrompt.ReadWithConcernNote)));
                }

                // Typed words answer where the person wrote them: in the card's thread, where this shows, or in the channel.
                var orType = q.WordsFrom == PublicPlace.Conversation ? "or mention me in the channel with your answer" : "or reply in this thread";
                content.Add(Block.Context(Escape($"Press Answer to answer in a form, {orType}. " + AnswerHint(q))));
                trailer.Add(AnswerButton(q.DeliberationId, "Answer"));
                break;
            case GroupPrompt g:
                // The button names a reply written before joining (Core holds its words, of any length), to be the
                // answer once the person has a group.
                content.Add(Block.Section(Escape($"Press Answer to choose your stakeholder group for \"{g.DeliberationTitle}\"" + (g.Waiting is not { } waiting ? " and start."
                    : $": your {waiting.Place.Message()} will then be your answer" + (g.Anonymity == AnonymityPolicy.AnonymousAllowed ? $" (unless you answer anonymously: {waiting.Place.Name()} shows your name)." : ".")))));
                trailer.Add(AnswerButton(g.DeliberationId, "Answer", g.Waiting));
                break;
            case StartForm:
                content.Add(Block.Section("Type `/deliberate start` on its own to open the form, or " +
                    Escape("/deliberate " + Usage.Start)));
                break;
            case ErrorMessage e:
                content.Add(Block.Section(":warning: " + Escape(e.Text)));
                if (e.Usage is not null)
                {
                    content.Add(Block.Context("Usage: `" + Escape(e.Usage) + "`"));
                }

                if (e.Question is not null)
                {
                    content.Add(Block.Context("Question: " + Escape(e.Question)));
                }

                break;
            case Confirmation c:
                content.Add(Block.Section(Escape(c.Text)));
                break;
            case SummaryPlaceholder p:
                content.Add(Block.Section(Escape(p.Text)));
                break;
            case AnswersReview review:
                content.AddRange(ReviewRenderer.Review(review));
                break;
            case OwnerConcerns o:
                ConcernRenderer.Owner(o, content);
                break;
            case ConcernResponseNotice n:
                ConcernRenderer.Response(n, content);
                break;
            case DecisionRequest r:
                ConcernRenderer.DecisionRequest(r, content, trailer);
                break;
            case DecisionRecorded r:
                ConcernRenderer.DecisionRecorded(r, content);
                break;
            case ConditionNotice c:
                ConcernRenderer.ConditionNotice(c, content);
                break;
            case ExportLink e:
                ConcernRenderer.Export(e, content);
                break;
            case Core.Reports.ReportLink r:
                ConcernRenderer.Report(r, content);
                break;
            case Core.Community.CommunityInvitationLink c:
                ConcernRenderer.CommunityLink(c, content);
                break;
            case Core.Community.CommunityContactList c:
                ConcernRenderer.CommunityContacts(c, content);
                break;
            case WeeklyDigest w:
                ReportRenderer.Digest(w, content);
                break;
            case SummaryReport report:
                ReportRenderer.Summary(report, content);
                break;
            default:
                throw new UnrenderableMessageException("Block Kit", message);
        }

        return (content, trailer);
    }

    /// <summary>The top-level text: the plain rendering, escaped (it is parsed as mrkdwn for notifications) and cut.</summary>
    public static string Fallback(OutgoingMessage message) =>
        TruncateEscaped(Escape(Plain(message)), SlackLimits.FallbackText);

    private static string Plain(OutgoingMessage message) => PlainTextRenderer.Render(message);

    public static JsonObject AnswerButton(Guid deliberationId, string text, WaitingReply? waiting = null) =>
        Block.Actions(SlackIds.ButtonsBlock, Block.Button(text, SlackIds.AnswerAction, SlackIds.AnswerValue(deliberationId, waiting), primary: true));

    private static void Card(DeliberationCard c, List<JsonObject> content, List<JsonObject> trailer)
    {
        var open = c.Status == DeliberationStatus.Open;
        content.Add(Block.Header((open ? "Deliberation: " : "Closed: ") + c.Title));
        if (!string.IsNullOrWhiteSpace(c.Description))
        {
            content.AddRange(Block.Verbatim(c.Description));
        }

        content.Add(Block.Fields(
        [
            $"*Flow*\n{Escape(c.FlowTitle)} ({c.QuestionCount} questions)",
            $"*Deadline*\n{(c.Due is { } due ? due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none")}",
            $"*Owners*\n{Mentions(c.Owners)}",
            $"*Facilitator*\n{Mention(c.Facilitator)}",
            $"*Answers*\n{Anonymity(c.Anonymity)}",
        ]));
        content.Add(Block.Section(Progress(c.Progress)));
        if (open)
        {
            // A thread reply is public and under the person's name, so it is offered only where answers may be named, and
            // only where it reaches the bot.
            content.Add(Block.Context((c.Anonymity, c.RepliesUnheard) switch
            {
                (AnonymityPolicy.AnonymousOnly, _) => "Press *Answer* to take part. Answers are private and anonymous.",
                (AnonymityPolicy.AnonymousAllowed, true) => "Press *Answer* to take part, by name or anonymously. Replies in this thread don't reach me.",
                (AnonymityPolicy.AnonymousAllowed, false) => "Press *Answer* to take part, by name or anonymously; or reply in this thread to answer your current question by name.",
                (_, true) => "Press *Answer* to take part. Replies in this thread don't reach me.",
                _ => "Press *Answer* to take part, or reply in this thread to answer your current question.",
            }));
            trailer.Add(AnswerButton(c.DeliberationId, "Answer"));
        }
        else
        {
            if (c.Decision is { } decision)
            {
                ConcernRenderer.Decided(decision, [], content);
            }

            content.Add(Block.Context("This deliberation is closed and no longer takes answers."));
        }
    }

    private static void Status(StatusReport s, List<JsonObject> content)
    {
        content.Add(Block.Header($"Status: {s.Title}"));
        content.Add(Block.Section(
            $"*{(s.Status == DeliberationStatus.Open ? "Open" : "Closed")}*" +
            (s.Due is { } d ? $" · due {d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "") +
            $" · concerns so far: {PlainTextRenderer.ConcernCount(s)}"));
        if (s.Decision is { } decision)
        {
            ConcernRenderer.Decided(decision, s.Conditions, content);
        }
        else if (s.Status != DeliberationStatus.Open)
        {
            content.Add(Block.Context(Escape(StatusReport.AwaitingDecision)));
        }

        content.Add(Block.Section(Progress(s.Progress)));
        var coverage = new StringBuilder("*Answers by section and stakeholder group*");
        foreach (var section in s.Coverage)
        {
            var cells = section.AnswersByGroup.Count == 0
                ? "no answers yet"
                : string.Join(", ", section.AnswersByGroup.OrderBy(x => x.Key).Select(x => $"{x.Key.Label()} {x.Value}"));
            coverage.Append("\n• ").Append(Escape(section.SectionTitle)).Append(": ").Append(Escape(cells));
        }

        content.Add(Block.Section(coverage.ToString()));
        if (s.Community is { } community)
        {
            content.Add(Block.Section(Escape(PlainTextRenderer.CommunityLine(community))));
        }
    }

    private static string Progress(ProgressSummary progress)
    {
        var sb = new StringBuilder($"*Progress*: {GroupWords.Count(progress.Participants, "participant")}, {progress.Finished} finished");
        foreach (var g in progress.ByGroup)
        {
            sb.Append($"\n• {Escape(g.Group.Label())}: {g.Participants} joined, {g.Finished} finished, {GroupWords.Count(g.Answers, "answer")}");
        }

        return sb.ToString();
    }

    private static string Mentions(IReadOnlyList<UserRef> users) =>
        users.Count == 0 ? "none" : string.Join(", ", users.Select(Mention));

    private static string Anonymity(AnonymityPolicy policy) => policy switch
    {
        AnonymityPolicy.Named => "named",
        AnonymityPolicy.AnonymousAllowed => "named or anonymous",
        _ => "anonymous only",
    };

    internal static string AnswerHint(QuestionPrompt q) => q.Kind switch
    {
        AnswerKind.FreeText => "Answer in your own words.",
        AnswerKind.YesNoUnsure => "Reply yes, no or unsure.",
        AnswerKind.Scale => "Reply with a number from 1 to 5.",
        AnswerKind.Number => "Reply with a number" + (q.Unit is null ? "." : $" ({q.Unit})."),
        AnswerKind.MultipleChoice => "Reply with one or more of: " + string.Join(" · ", q.Options.Select((o, i) => $"{i + 1}. {o.Label}")),
        _ => "Reply with one of: " + string.Join(" · ", q.Options.Select((o, i) => $"{i + 1}. {o.Label}")),
    };
}
