using Cronos;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Scheduling;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Host.Tests.Scheduling;

/// <summary>The owners' daily round-up runs at the start of their working day, in the agency's time zone.</summary>
public sealed class RoundupTimeTests
{
    [Fact]
    public void The_round_up_runs_at_its_hour_in_the_agencys_time_zone_in_winter_and_in_summer()
    {
        using var factory = new BotFactory(new() { ["Concerns:RoundupAt"] = "08:30", ["Concerns:RoundupTimeZone"] = "America/Chicago" }, kestrel: false);

        var roundup = factory.Services.GetServices<IScheduledJob>().OfType<ConcernRoundup>().Single();
        var cron = CronExpression.Parse(roundup.Cron);

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 14, 30, 0, TimeSpan.Zero), SchedulerWorker.NextRun(roundup, cron, new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 7, 7, 13, 30, 0, TimeSpan.Zero), SchedulerWorker.NextRun(roundup, cron, new DateTimeOffset(2026, 7, 7, 3, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Unless_set_it_runs_at_eight_in_the_morning_utc()
    {
        using var factory = new BotFactory(kestrel: false);

        var roundup = factory.Services.GetServices<IScheduledJob>().OfType<ConcernRoundup>().Single();

        Assert.Equal(
            new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero),
            SchedulerWorker.NextRun(roundup, CronExpression.Parse(roundup.Cron), new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero)));
    }
}
