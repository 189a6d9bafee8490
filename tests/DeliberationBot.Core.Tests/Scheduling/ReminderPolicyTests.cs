using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Reminders;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Tests.Scheduling;

public class ReminderPolicyTests
{
    private static readonly DateTimeOffset Joined = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero); // a Monday
    private static readonly ReminderOptions Options = new();
    private static readonly Participant Ana = new(Guid.NewGuid(), "user:U-ANA", "U-ANA", "Ana", StakeholderGroup.FrontlineWorker, false, Joined);

    [Fact]
    public void Not_before_the_interval_then_due_on_a_weekday_daytime()
    {
        Assert.False(ReminderJob.IsDue(Ana, Joined.AddDays(1), TimeZoneInfo.Utc, Options));
        Assert.True(ReminderJob.IsDue(Ana, Joined.AddDays(2), TimeZoneInfo.Utc, Options));
    }

    [Fact]
    public void Never_in_quiet_hours_never_after_finishing_never_past_the_cap_never_anonymous()
    {
        var due = Joined.AddDays(2);
        Assert.False(ReminderJob.IsDue(Ana, due.AddHours(10), TimeZoneInfo.Utc, Options));
        Assert.False(ReminderJob.IsDue(Ana with { FinishedAt = Joined.AddHours(1) }, due, TimeZoneInfo.Utc, Options));
        Assert.False(ReminderJob.IsDue(Ana with { RemindersSent = 3, LastRemindedAt = Joined }, due, TimeZoneInfo.Utc, Options));
        Assert.False(ReminderJob.IsDue(Ana with { UserId = null, Anonymous = true }, due, TimeZoneInfo.Utc, Options));
        Assert.False(ReminderJob.IsDue(Ana with { RemindersSent = 1, LastRemindedAt = due.AddDays(-1) }, due, TimeZoneInfo.Utc, Options));
    }
}
