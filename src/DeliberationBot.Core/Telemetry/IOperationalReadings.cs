namespace DeliberationBot.Core.Telemetry;

/// <summary>What the operational gauges show: the outbox backlog and the concerns nobody has resolved yet.</summary>
/// <param name="OutboxDepth">Messages waiting to be sent (pending, including those being retried).</param>
/// <param name="OldestPendingAge">How long the oldest of them has waited; zero when none waits.</param>
/// <param name="OpenConcerns">Concerns not yet resolved or closed by a facilitator, across all deliberations.</param>
public sealed record OperationalReading(long OutboxDepth, TimeSpan OldestPendingAge, long OpenConcerns);

/// <summary>Reads the counts behind the gauges; implemented by storage with a few aggregate queries.</summary>
public interface IOperationalReadings
{
    Task<OperationalReading> ReadAsync(CancellationToken ct);
}
