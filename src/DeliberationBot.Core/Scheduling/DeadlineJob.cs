using DeliberationBot.Core.Deliberations;

namespace DeliberationBot.Core.Scheduling;

/// <summary>Closes deliberations whose deadline (a date, in UTC) has passed, through the same path as <c>close</c>.</summary>
public sealed class DeadlineJob(DeliberationService deliberations, IScheduleStore schedule, TimeProvider time) : IScheduledJob
{
    public string Name => "deadlines";

    public string Cron => "*/5 * * * *";

    public async Task RunAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        foreach (var d in await schedule.ListOpenDeliberationsAsync(ct))
        {
            if (d.Due is { } due && due < today)
            {
                await deliberations.CloseAtDeadlineAsync(d, ct);
            }
        }
    }
}
