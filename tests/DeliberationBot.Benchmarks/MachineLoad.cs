namespace DeliberationBot.Benchmarks;

/// <summary>The load average (1, 5, 15 min), written beside each result: figures from a busy machine read differently.</summary>
internal static class MachineLoad
{
    public static string Average() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
