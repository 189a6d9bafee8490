using System.ComponentModel.DataAnnotations;

namespace DeliberationBot.Core.Reminders;

public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00", ErrorMessage = "Reminders:Interval must be between 1 hour and 30 days, e.g. 2.00:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(2);

    [Range(0, 20, ErrorMessage = "Reminders:Max must be between 0 and 20.")]
    public int Max { get; set; } = 3;

    /// <summary>Quiet hours in each participant's own time zone: no reminders from QuietStart until QuietEnd.</summary>
    public TimeOnly QuietStart { get; set; } = new(19, 0);

    public TimeOnly QuietEnd { get; set; } = new(8, 0);

    public bool QuietWeekends { get; set; } = true;

    [Required(ErrorMessage = "Reminders:DefaultTimeZone is required, e.g. UTC or America/Chicago.")]
    [Scheduling.TimeZoneId(ErrorMessage = "Reminders:DefaultTimeZone is not a time zone this machine knows; use an IANA id such as UTC, Europe/Berlin or America/Chicago.")]
    public string DefaultTimeZone { get; set; } = "UTC";
}

public static class QuietHours
{
    /// <summary>True when it is evening, night or weekend where the person is.</summary>
    public static bool Contains(DateTimeOffset now, TimeZoneInfo zone, ReminderOptions options)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        if (options.QuietWeekends && local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return true;
        }

        var time = TimeOnly.FromDateTime(local.DateTime);
        return options.QuietStart > options.QuietEnd
            ? time >= options.QuietStart || time < options.QuietEnd
            : time >= options.QuietStart && time < options.QuietEnd;
    }
}
