using System.ComponentModel.DataAnnotations;

namespace DeliberationBot.Core.Digests;

public sealed class DigestOptions
{
    public const string Section = "Digests";

    [Range(1, 365, ErrorMessage = "Digests:StaleAfterDays must be between 1 and 365.")]
    public int StaleAfterDays { get; set; } = 7;

    /// <summary>Used when a subscriber's platform has not told us their time zone (IANA id, e.g. America/Chicago).</summary>
    [Required(ErrorMessage = "Digests:DefaultTimeZone is required, e.g. UTC or America/Chicago.")]
    [Scheduling.TimeZoneId(ErrorMessage = "Digests:DefaultTimeZone is not a time zone this machine knows; use an IANA id such as UTC, Europe/Berlin or America/Chicago.")]
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>A digest produced more than this after its time says it is late.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Digests:LateAfter must be between 1 minute and 1 day.")]
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(30);
}
