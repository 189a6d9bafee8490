using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Reminders;

namespace DeliberationBot.Core.Tests.Scheduling;

public class DigestScheduleTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void Monday_nine_stays_nine_local_across_the_end_of_daylight_saving()
    {
        // New York leaves daylight saving on 1 November 2026: 09:00 local is 13:00 UTC before and 14:00 UTC after.
        var from = new DateTimeOffset(2026, 10, 13, 0, 0, 0, TimeSpan.Zero);
        var occurrences = new List<DateTimeOffset>();
        for (var next = DigestSchedule.Next(DayOfWeek.Monday, new TimeOnly(9, 0), NewYork, from); occurrences.Count < 5; next = DigestSchedule.Next(DayOfWeek.Monday, new TimeOnly(9, 0), NewYork, next))
        {
            occurrences.Add(next);
        }

        Assert.Equal([13, 13, 14, 14, 14], occurrences.Select(o => o.UtcDateTime.Hour));
        Assert.All(occurrences, o => Assert.Equal((DayOfWeek.Monday, 9), (TimeZoneInfo.ConvertTime(o, NewYork).DayOfWeek, TimeZoneInfo.ConvertTime(o, NewYork).Hour)));
        Assert.Equal(["2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"], occurrences.Select(o => DigestSchedule.WeekOf(o, NewYork)));
    }

    [Fact]
    public void Latest_is_the_last_occurrence_not_after_now_even_after_weeks_of_downtime()
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero); // a Wednesday
        var latest = DigestSchedule.Latest(DayOfWeek.Friday, new TimeOnly(17, 30), Berlin, now);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 16, 30, 0, TimeSpan.Zero), latest);
        Assert.Equal(latest, DigestSchedule.Latest(DayOfWeek.Friday, new TimeOnly(17, 30), Berlin, latest));
    }

    [Theory]
    [InlineData("America/Chicago", "America/Chicago")]
    [InlineData("Not/AZone", "UTC")]
    [InlineData(null, "UTC")]
    public void Unknown_time_zones_fall_back_to_utc(string? id, string expected) =>
        Assert.Equal(expected, DigestSchedule.Zone(id).Id);

    [Theory]
    [InlineData("digest subscribe", null, null)]
    [InlineData("digest subscribe tue", DayOfWeek.Tuesday, null)]
    [InlineData("digest subscribe 7:45 friday", DayOfWeek.Friday, "07:45")]
    public void Digest_commands_parse(string text, DayOfWeek? day, string? time)
    {
        var (command, error) = CommandParser.Parse(text, null, new DateOnly(2026, 11, 2));
        Assert.Null(error);
        var digest = Assert.IsType<DigestCommand>(command);
        Assert.Equal((DigestAction.Subscribe, day, time is null ? (TimeOnly?)null : TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), (digest.Action, digest.Day, digest.Time));
    }

    [Theory]
    [InlineData("digest")]
    [InlineData("digest subscribe someday")]
    [InlineData("digest subscribe 25:00")]
    [InlineData("digest preview now")]
    public void Digest_mistakes_say_what_to_type(string text)
    {
        var (command, error) = CommandParser.Parse(text, null, new DateOnly(2026, 11, 2));
        Assert.Null(command);
        Assert.Equal(Usage.Digest, error!.Usage);
    }

    [Theory]
    [InlineData("2026-11-03T18:59:00", false)] // Tuesday evening, just before quiet hours
    [InlineData("2026-11-03T19:00:00", true)]
    [InlineData("2026-11-04T07:59:00", true)]
    [InlineData("2026-11-04T08:00:00", false)]
    [InlineData("2026-11-07T12:00:00", true)] // Saturday
    public void Quiet_hours_are_evenings_nights_and_weekends_in_the_persons_own_zone(string localTime, bool quiet)
    {
        var local = DateTime.Parse(localTime, System.Globalization.CultureInfo.InvariantCulture);
        var instant = new DateTimeOffset(local, NewYork.GetUtcOffset(local));
        Assert.Equal(quiet, QuietHours.Contains(instant, NewYork, new ReminderOptions()));
    }
}
