using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Reminders;

/// <summary>One named participant's reminder, whoever sends it (the <c>remind</c> command or the reminder job), and the count it adds.</summary>
public static class PrivateReminder
{
    public static (Participant Reminded, OutboxMessage Message) For(
        TurnSupport turn, Deliberation d, FlowDefinition flow, IReadOnlyList<Answer> answers, Participant p, string idempotencyKey)
    {
        var left = FlowEngine.Evaluate(flow, p.Group, Overview.AnswersOf(answers, p.Key));
        var message = turn.Outbox(d.WorkspaceId, idempotencyKey, Destination.PrivatelyTo(d.Home, new UserRef(p.UserId!, p.DisplayName)),
            new ReminderNotice(d.Id, d.Title, left.Applicable.Count - left.Answered.Count, d.Due));
        return (p with { RemindersSent = p.RemindersSent + 1, LastRemindedAt = turn.Now }, message);
    }
}
