using System.Globalization;
using System.Text;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Messaging;

/// <summary>Renders any outgoing message as readable plain text (the demo, logs at Debug, and text-only fallbacks).</summary>
public static partial class PlainTextRenderer
{
    public static string Render(OutgoingMessage message)
    {
        var sb = new StringBuilder();
        switch (message)
        {
            case DeliberationCard c:
                sb.AppendLine($"[{(c.Status == DeliberationStatus.Open ? "Deliberation" : "Closed")}] {c.Title}");
                if (c.Description is not null)
                {
                    sb.AppendLine(c.Description);
                }

                sb.AppendLine($"Flow: {c.FlowTitle} ({c.QuestionCount} questions) · Owners: {string.Join(", ", c.Owners.Select(o => o.Display))} · Facilitator: {c.Facilitator.Display}");
                sb.AppendLine($"Deadline: {(c.Due is { } due ? due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none")} · Answers: {Anonymity(c.Anonymity)}");
                AppendProgress(sb, c.Progress);
                if (c.Decision is { } decision)
                {
                    AppendDecided(sb, decision, []);
                }

                if (c.Status == DeliberationStatus.Open)
                {
                    sb.AppendLine("[Answer]");
                }

                break;
            case GroupPrompt g:
                sb.AppendLine($"Which stakeholder group are you answering \"{g.DeliberationTitle}\" as?");
                foreach (var info in g.Groups)
                {
                    sb.AppendLine($"  ( ) {info.Label} — {info.Description}{(g.Remembered == info.Group ? " (last time)" : "")}");
                }

                if (g.Anonymity != AnonymityPolicy.Named)
                {
                    sb.AppendLine(g.Anonymity == AnonymityPolicy.AnonymousOnly ? "Answers are anonymous." : "  [ ] Answer anonymously");
                }

                break;
            case QuestionPrompt q:
                AppendNotice(sb, q.Notice);
                AppendPreview(sb, q.JustFlagged);
                if (q.SectionIntro is not null)
                {
                    sb.AppendLine(q.SectionIntro);
                }

                sb.AppendLine($"{q.SectionTitle} · {Progress(q)}{(q.Required ? " (required)" : "")}{(q.Anonymous ? " · anonymous" : "")}");
                sb.AppendLine(q.Text);
                if (q.Help is not null)
                {
                    sb.AppendLine($"Why it matters: {q.Help}");
                }

                if (q.ReadWithConcern)
                {
                    sb.AppendLine(QuestionPrompt.ReadWithConcernNote);
                }

                sb.AppendLine(AnswerHint(q));
                break;
            case Confirmation c:
                sb.AppendLine(c.Text);
                break;
            case AnswersReview review:
                AppendNotice(sb, review.Notice);
                AppendPreview(sb, review.JustFlagged);
                sb.AppendLine(review.Text);
                foreach (var a in review.Answers)
                {
                    sb.AppendLine($"  • {a.Text} — {a.Answer} [Change]");
                    if (a.Flagged)
                    {
                        sb.AppendLine($"    {AnsweredQuestion.FlaggedNote}");
                    }
                }

                break;
            case ErrorMessage e:
                sb.AppendLine(e.Text);
                if (e.Usage is not null)
                {
                    sb.AppendLine($"Usage: {e.Usage}");
                }

                if (e.Question is not null)
                {
                    sb.AppendLine($"Question: {e.Question}");
                }

                break;
            case StatusReport s:
                sb.AppendLine($"Status of \"{s.Title}\" ({s.Status}{(s.Due is { } d ? $", due {d:yyyy-MM-dd}" : "")})");
                AppendProgress(sb, s.Progress);
                foreach (var section in s.Coverage)
                {
                    var cells = section.AnswersByGroup.Count == 0 ? "no answers yet" : string.Join(", ", section.AnswersByGroup.OrderBy(x => x.Key).Select(x => $"{x.Key.Label()} {x.Value}"));
                    sb.AppendLine($"  {section.SectionTitle}: {cells}");
                }

                sb.AppendLine($"Concerns so far: {ConcernCount(s)}");
                if (s.Decision is { } decided)
                {
                    AppendDecided(sb, decided, s.Conditions);
                }
                else if (s.Status != DeliberationStatus.Open)
                {
                    sb.AppendLine(StatusReport.AwaitingDecision);
                }

                if (s.Community is { } community)
                {
                    sb.AppendLine(CommunityLine(community));
                }

                break;
            case FlowList f:
                sb.AppendLine("Flows you can start:");
                foreach (var flow in f.Flows)
                {
                    sb.AppendLine($"  {flow.Id} — {flow.Title} ({flow.QuestionCount} questions). {flow.Description}");
                }

                break;
            case HelpMessage h:
                sb.AppendLine("Commands:");
                foreach (var command in h.Commands)
                {
                    sb.AppendLine($"  {command.Usage} — {command.Description}");
                }

                break;
            case StartForm form:
                sb.AppendLine($"Start a deliberation: choose a flow ({string.Join(", ", form.Flows.Select(f => f.Id))}), a proposal title, owners, a deadline and whether answers may be anonymous.");
                break;
            case ReminderNotice r:
                sb.AppendLine(r.QuestionsLeft > 0
                    ? $"Reminder: you have {GroupWords.Count(r.QuestionsLeft, "question")} left in \"{r.Title}\"{Due(r.Due)}. Press Answer to continue where you stopped."
                    : $"Reminder: some participants have not finished \"{r.Title}\"{Due(r.Due)}. Press Answer to continue where you stopped.");
                break;
            case SummaryReport report:
                sb.AppendLine(SummaryText.Render(report.Summary));
                foreach (var line in SuggestionLines(report))
                {
                    sb.AppendLine(line);
                }

                break;
            case SummaryPlaceholder p:
                sb.AppendLine(p.Text);
                break;
            case ConcernList list:
                AppendConcerns(sb, list.Concerns.Count == 0 ? $"No concerns raised yet in \"{list.Title}\"." : $"Concerns raised in \"{list.Title}\":", list.Concerns);
                break;
            case OwnerConcerns o:
                // Also a Slack notice's notification text: nothing is called for acting on when nothing waits for them.
                AppendConcerns(sb, o.AwaitingResponse > 0 ? $"{o.Holds} on \"{o.Title}\" for you to act on:" : $"{o.Holds} on \"{o.Title}\": {o.NothingToAnswer}", o.Concerns);
                break;
            case ConcernResponseNotice n:
                sb.AppendLine(n.Lead($"\"{n.Title}\"", text => text) + " " + n.NextStep);
                AppendConcern(sb, n.Concern);
                break;
            case DecisionRequest r:
                sb.AppendLine($"\"{r.Title}\" is closed with {GroupWords.Count(r.UnresolvedConcerns, "unresolved concern")}. What is the decision?");
                if (r.Unresolved.Count > 0)
                {
                    AppendConcerns(sb, DecisionRequest.UnresolvedHeading, r.Unresolved);
                }

                sb.AppendLine($"  {Usage.Decide}");
                break;
            case DecisionRecorded r:
                AppendDecision(sb, r);
                break;
            case ConditionNotice c:
                AppendConcerns(sb, c.Lead($"\"{c.Title}\""), [c.Condition]);
                break;
            case WeeklyDigest w:
                DigestText.Append(sb, w);
                break;
            case ExportLink e:
                sb.AppendLine($"The record of \"{e.Title}\" (links work until {e.Expires:yyyy-MM-dd HH:mm} UTC):");
                sb.AppendLine($"  Markdown: {e.Markdown}");
                sb.AppendLine($"  JSON: {e.Json}");
                break;
            case Reports.ReportLink r:
                sb.AppendLine($"Your own link to the page of \"{r.Title}\" (it works until {r.Expires:yyyy-MM-dd HH:mm} UTC; please don't forward it):");
                sb.AppendLine($"  {r.Page}");
                break;
            case Community.CommunityInvitationLink c:
                foreach (var line in CommunityLinkLines(c))
                {
                    sb.AppendLine(line);
                }

                break;
            case Community.CommunityContactList c:
                foreach (var line in CommunityContactLines(c))
                {
                    sb.AppendLine(line);
                }

                break;
            default:
                throw new UnrenderableMessageException("plain-text", message);
        }

        return sb.ToString().TrimEnd();
    }

    private static void AppendNotice(StringBuilder sb, string? notice)
    {
        if (notice is not null)
        {
            sb.AppendLine(notice);
        }
    }

    private static void AppendPreview(StringBuilder sb, ConcernPreview? preview)
    {
        if (preview is null)
        {
            return;
        }

        sb.AppendLine(preview.Lead);
        sb.AppendLine($"  \"{preview.Words}\" — {preview.Attribution}");
        sb.AppendLine($"  On: {preview.QuestionText}");
        if (preview.Warning is { } warning)
        {
            sb.AppendLine($"Note: {warning}");
        }

        sb.AppendLine();
    }

    /// <summary>
    /// Where the person is: "3 answered · 1 skipped · 7 left"; or, changing an answer (which <see cref="QuestionPrompt.Left"/>
    /// counts among those left), "Changing an answer · 10 answered", so someone who has answered everything is not told
    /// one is left. A skipped question is not counted as answered.
    /// </summary>
    public static string Progress(QuestionPrompt q)
    {
        var skipped = q.Skipped > 0 ? $" · {q.Skipped} skipped" : "";
        return q.Changing
            ? $"Changing an answer · {q.Answered + 1} answered{skipped}{(q.Left > 1 ? $" · {q.Left - 1} left" : "")}"
            : $"{q.Answered} answered{skipped} · {q.Left} left";
    }

    /// <summary>A question's form as its title names it: "7 questions left", or "Change your answer".</summary>
    public static string FormTitle(QuestionPrompt q) => q.Changing
        ? "Change your answer"
        : string.Create(CultureInfo.InvariantCulture, $"{q.Left} question{(q.Left == 1 ? "" : "s")} left");

    private static string Due(DateOnly? due) => due is { } d ? $" (due {d:yyyy-MM-dd})" : "";

    private static string Anonymity(AnonymityPolicy policy) => policy switch
    {
        AnonymityPolicy.Named => "named",
        AnonymityPolicy.AnonymousAllowed => "named or anonymous",
        _ => "anonymous only",
    };

    private static void AppendProgress(StringBuilder sb, ProgressSummary progress)
    {
        sb.AppendLine($"Progress: {GroupWords.Count(progress.Participants, "participant")}, {progress.Finished} finished");
        foreach (var g in progress.ByGroup)
        {
            sb.AppendLine($"  {g.Group.Label()}: {g.Participants} joined, {g.Finished} finished, {GroupWords.Count(g.Answers, "answer")}");
        }
    }

    private static string AnswerHint(QuestionPrompt q) => q.Kind switch
    {
        AnswerKind.FreeText => "Answer in your own words.",
        AnswerKind.YesNoUnsure => "Answer: yes / no / unsure",
        AnswerKind.Scale => $"Answer 1–5 ({AnswerKinds.ScaleLegend(q.LowLabel, q.HighLabel)})",
        AnswerKind.Number => $"Answer with a number{(q.Unit is null ? "" : $" ({q.Unit})")}",
        _ => (q.Kind == AnswerKind.MultipleChoice ? "Pick one or more: " : "Pick one: ") + string.Join(" · ", q.Options.Select((o, i) => $"{i + 1}. {o.Label}")),
    };
}
