using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Scheduling;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Core.Concerns;

/// <summary>
/// Concerns raised in an open deliberation (an answer flagged, or meeting a question's concern rule) are made from the
/// answers on <c>concerns</c> and on close. A person who flags an answer is told the owners will receive it; waiting
/// for a close weeks away broke that. Once a day each open deliberation's concerns are brought up to date and the owners
/// are sent what is news to them; nothing is sent when nothing is new. The weekly digest does the same first
/// (<see cref="Digests.DigestSourceReader"/>).
/// </summary>
public sealed class ConcernRoundup(TurnSupport turn, ConcernPublisher publisher, IScheduleStore schedule, IOptions<ConcernOptions> options) : IScheduledJob
{
    public string Name => "concern-roundup";

    /// <summary>Daily at <see cref="ConcernOptions.RoundupAt"/> (08:00 unless set), the start of the owners' working day.</summary>
    public string Cron => $"{options.Value.RoundupAt.Minute} {options.Value.RoundupAt.Hour} * * *";

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(options.Value.RoundupTimeZone);

    public async Task RunAsync(CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(turn.Now.UtcDateTime);
        foreach (var d in await schedule.ListOpenDeliberationsAsync(ct))
        {
            var flow = await turn.FlowOfAsync(d, ct);
            await publisher.PublishAsync(d, flow, await ConcernSources.ReadAsync(turn.Store, d, flow, ct), $"concern-roundup:{d.Id:N}:{day:yyyy-MM-dd}", ct);
        }
    }
}
