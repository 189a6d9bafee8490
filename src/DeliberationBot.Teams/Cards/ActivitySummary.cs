using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Teams.Cards;

/// <summary>
/// The line Teams shows for a card-only message in notifications and the chat list (the activity's "summary"), which
/// otherwise reads "Sent a card": what arrived, in plain words, short.
/// </summary>
internal static class ActivitySummary
{
    private const int Max = 150;

    public static string Of(OutgoingMessage message, int part = 1, int parts = 1)
    {
        var line = message switch
        {
            // An owner is told something needs their response only when it does: a notice of a raiser's acceptance says so.
            OwnerConcerns { Unanswered: > 0 } o => $"{o.Counted(o.Unanswered)} on \"{o.Title}\" {(o.Unanswered == 1 ? "needs" : "need")} your response",
            OwnerConcerns { Concerns: [{ Notes: var notes } c] } o when notes.Any() => $"{c.Name} on \"{o.Title}\": {notes.First()}",
            OwnerConcerns { AwaitingResponse: > 0 } o => $"{o.Counted(o.AwaitingResponse)} on \"{o.Title}\" for you to act on",
            OwnerConcerns { ClosesOnly: true } o => $"{o.Counted(o.Concerns.Count)} on \"{o.Title}\" that you can close as the facilitator",
            OwnerConcerns o => $"{o.Counted(o.Concerns.Count)} on \"{o.Title}\": nothing needs your response now",
            ConcernResponseNotice { MergedFrom: { } from } n => $"Concern #{from} on \"{n.Title}\" was merged into {n.Concern.Name.ToLowerInvariant()}",
            ConcernResponseNotice { ReopenedBy: not null } n => $"{n.Concern.Name} on \"{n.Title}\" is open again",
            ConcernResponseNotice { Concern.Status: ConcernStatus.ClosedByFacilitator } n => $"The facilitator of \"{n.Title}\" closed {n.Concern.Name.ToLowerInvariant()}",
            ConcernResponseNotice { Concern.Kind: ConcernKind.Condition } n => $"{n.Concern.Owner?.Display ?? "Its owner"} responded to {n.Concern.Name.ToLowerInvariant()} on \"{n.Title}\"",
            ConcernResponseNotice n => $"The owners of \"{n.Title}\" responded to {n.Concern.Name.ToLowerInvariant()}",
            QuestionPrompt q => $"{PlainTextRenderer.FormTitle(q)}: {q.Text}",
            GroupPrompt g => $"\"{g.DeliberationTitle}\": which stakeholder group are you answering as?",
            AnswersReview r => $"Your answers to \"{r.Title}\"",
            DeliberationCard c => $"Deliberation: {c.Title}",
            SummaryReport s => $"Summary of \"{s.Title}\"",
            WeeklyDigest w => w.IsEmpty ? $"Weekly digest {w.Week}: a quiet week" : $"Weekly digest {w.Week}: {w.OpenCount}",
            DecisionRequest d => $"\"{d.Title}\" is closed: what is the decision?",
            DecisionRecorded { Yours.Count: > 0 } d => $"Decision on \"{d.Title}\": {d.Decision.Outcome.Label()}, with {(d.Yours.Count == 1 ? "your concern" : "your concerns")} unresolved",
            DecisionRecorded d => $"Decision on \"{d.Title}\": {d.Decision.Outcome.Label()}",
            ConditionNotice c => $"Condition #{c.Condition.Number} of the decision on \"{c.Title}\"",
            ReminderNotice r => $"Reminder: {Count(r.QuestionsLeft, "question")} left on \"{r.Title}\"",
            ConcernList l => $"{l.Counted} on \"{l.Title}\"",
            StatusReport s => $"Status of \"{s.Title}\"",
            ExportLink e => $"The record of \"{e.Title}\"",
            _ => FirstLine(PlainTextRenderer.Render(message)),
        };
        var suffix = parts > 1 ? $" (part {part} of {parts})" : "";
        return CardText.Truncate(CardText.Plain(line).ReplaceLineEndings(" ").Trim(), Max - suffix.Length) + suffix;
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string FirstLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "DeliberationBot";
}
