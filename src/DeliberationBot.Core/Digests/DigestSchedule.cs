using System.Globalization;
using Cronos;

namespace DeliberationBot.Core.Digests;

/// <summary>Weekly times in a person's own time zone, daylight saving included (Cronos does the calendar work).</summary>
public static class DigestSchedule
{
    public static CronExpression Cron(DayOfWeek day, TimeOnly time) =>
        CronExpression.Parse($"{time.Minute} {time.Hour} * * {(int)day}");

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset Next(DayOfWeek day, TimeOnly time, TimeZoneInfo zone, DateTimeOffset after) =>
        (Cron(day, time).GetNextOccurrence(after, zone) ?? throw new InvalidOperationException("A weekly schedule always has a next occurrence."))
        .ToUniversalTime(); // instants are kept in UTC; Cronos answers in the zone's offset

    /// <summary>The latest occurrence at or before <paramref name="now"/>: the digest a late run still owes.</summary>
    public static DateTimeOffset Latest(DayOfWeek day, TimeOnly time, TimeZoneInfo zone, DateTimeOffset now)
    {
        // A weekly schedule has one occurrence in any eight days; walk forward to the last one not after now.
        var latest = Next(day, time, zone, now.AddDays(-8));
        for (var next = Next(day, time, zone, latest); next <= now; next = Next(day, time, zone, next))
        {
            latest = next;
        }

        return latest;
    }

    /// <summary>The ISO week an occurrence falls in, in the subscriber's own calendar (e.g. 2026-W45).</summary>
    public static string WeekOf(DateTimeOffset occurrence, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(occurrence, zone).DateTime;
        return $"{ISOWeek.GetYear(local)}-W{ISOWeek.GetWeekOfYear(local):00}";
    }

    /// <summary>A time zone by IANA or Windows id; unknown ids fall back to UTC rather than failing a digest.</summary>
    public static TimeZoneInfo Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static bool TryParseDay(string text, out DayOfWeek day)
    {
        var days = new[] { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };
        var index = Array.FindIndex(days, d => text.StartsWith(d, StringComparison.OrdinalIgnoreCase) && text.Length <= 9);
        day = index < 0 ? default : (DayOfWeek)index;
        return index >= 0;
    }
}
