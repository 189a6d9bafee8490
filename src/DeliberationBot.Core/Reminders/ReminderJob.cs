using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Scheduling;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Core.Reminders;

/// <summary>
/// Nudges people who joined but have not finished: at most every Interval, never in their quiet hours, at most Max
/// times, never once they are done. Anonymous participants have no address and are reminded in the conversation by
/// <c>remind</c> instead.
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
        p.FinishedAt is null && p.UserId is not null && p.RemindersSent < o.Max &&
        (p.LastRemindedAt ?? p.JoinedAt) + o.Interval <= now && !QuietHours.Contains(now, zone, o);

    private async Task RemindAsync(Deliberation d, CancellationToken ct)
    {
        var flow = await turn.FlowOfAsync(d, ct);
        var answers = await turn.Store.ListAnswersAsync(d.WorkspaceId, d.Id, ct);
        var reminded = new List<Participant>();
        var outbox = new List<OutboxMessage>();
        foreach (var p in await turn.Store.ListParticipantsAsync(d.WorkspaceId, d.Id, ct))
        {
            var profile = p.UserId is null ? null : await turn.Store.FindProfileAsync(d.WorkspaceId, p.UserId, ct);
            if (!IsDue(p, turn.Now, DigestSchedule.Zone(profile?.TimeZone ?? options.Value.DefaultTimeZone), options.Value))
            {
                continue;
            }

            var left = FlowEngine.Evaluate(flow, p.Group, Overview.AnswersOf(answers, p.Key));
            var next = p with { RemindersSent = p.RemindersSent + 1, LastRemindedAt = turn.Now };
            reminded.Add(next);
            outbox.Add(turn.Outbox(d.WorkspaceId, $"remind:{d.Id:N}:{p.Key}:{next.RemindersSent}", Destination.PrivatelyTo(d.Home, new UserRef(p.UserId!, p.DisplayName)),
                new ReminderNotice(d.Id, d.Title, left.Applicable.Count - left.Answered.Count, d.Due)));
        }

        if (reminded.Count > 0)
        {
            await turn.CommitAsync(new Commit(d.WorkspaceId, null)
            {
                Participants = reminded,
                Events = [new DeliberationEvent(d.Id, EventTypes.Reminded, null, null, $"{reminded.Count} automatic", turn.Now)],
                Outbox = outbox,
            }, ct);
        }
    }
}
