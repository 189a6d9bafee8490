using System.ComponentModel.DataAnnotations;

namespace DeliberationBot.Host.Memory;

public sealed class MemoryOptions
{
    public const string Section = "Memory";

    /// <summary>Whether the service hands memory back to the system once requests have stopped for <see cref="TrimAfterQuiet"/>.</summary>
    public bool TrimWhenQuiet { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "Memory:TrimAfterQuiet must be between 5 seconds and 1 day, e.g. 00:00:20.")]
    public TimeSpan TrimAfterQuiet { get; set; } = TimeSpan.FromSeconds(20);
}
