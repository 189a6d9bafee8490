using System.ComponentModel.DataAnnotations;
using DeliberationBot.Core.Scheduling;

namespace DeliberationBot.Core.Concerns;

public sealed class ConcernOptions
{
    public const string Section = "Concerns";

    /// <summary>When the owners are sent the concerns new to them each day (<see cref="ConcernRoundup"/>), in <see cref="RoundupTimeZone"/>.</summary>
    public TimeOnly RoundupAt { get; set; } = new(8, 0);

    /// <summary>The agency's time zone (IANA id), so the round-up reaches owners at the start of their working day.</summary>
    [Required(ErrorMessage = "Concerns:RoundupTimeZone is required, e.g. UTC or America/Chicago.")]
    [TimeZoneId(ErrorMessage = "Concerns:RoundupTimeZone is not a time zone this machine knows; use an IANA id such as UTC, Europe/Berlin or America/Chicago.")]
    public string RoundupTimeZone { get; set; } = "UTC";
}
