using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Scheduling;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Core.Reminders;

/// <summary>
/// Nudges people who joined but have not finished: at most every Interval, never in their quiet hours, at most Max
/// times, never once they are done; and sends, once their quiet hours end, a reminder <c>remind</c> held for them.
/// Anonymous participants have no address and are reminded in the conversation by <c>remind</c> instead.
/// </summary>
public sealed class ReminderJob(TurnSupport turn, IScheduleStore schedule, IOptions<ReminderOptions> options) : IScheduledJob
{
    public string Name => "reminders";

    public string Cron => "*/10 * * * *";

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var d in await schedule.ListOpenDeliberationsAsync(ct))
        {
            await RemindAsync(d, ct);
        }
    }

    public static bool IsDue(Participant p, DateTimeOffset now, TimeZoneInfo zone, ReminderOptions o) =>
        MayBeDue(p, now, o) && !QuietHours.Contains(now, zone, o);

    /// <summary>Everything but quiet hours, which needs the person's time zone (a profile read) and is checked last.</summary>
    private static bool MayBeDue(Participant p, DateTimeOffset now, ReminderOptions o) =>
        p.FinishedAt is null && p.UserId is not null
        && (p.ReminderAskedAt is not null || (p.RemindersSent < o.Max && (p.LastRemindedAt ?? p.JoinedAt) + o.Interval <= now));

    private async Task RemindAsync(Deliberation d, CancellationToken ct)
    {
        var candidates = (await turn.Store.ListParticipantsAsync(d.WorkspaceId, d.Id, ct)).Where(p => MayBeDue(p, turn.Now, options.Value)).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var flow = await turn.FlowOfAsync(d, ct);
        var answers = await turn.Store.ListAnswersAsync(d.WorkspaceId, d.Id, ct);
        var reminders = new List<(Participant Reminded, OutboxMessage Message)>();
        foreach (var p in candidates)
        {
            if (!await PrivateReminder.InQuietHoursAsync(turn, d.WorkspaceId, p, options.Value, ct))
            {
                reminders.Add(PrivateReminder.For(turn, d, flow, answers, p, $"remind:{d.Id:N}:{p.Key}:{p.RemindersSent + 1}"));
            }
        }

        if (reminders.Count > 0)
        {
            await turn.CommitAsync(new Commit(d.WorkspaceId, null)
            {
                Participants = [.. reminders.Select(r => r.Reminded)],
                Events = [new DeliberationEvent(d.Id, EventTypes.Reminded, null, null, $"{reminders.Count} automatic", turn.Now)],
                Outbox = [.. reminders.Select(r => r.Message)],
            }, ct);
        }
    }
}
