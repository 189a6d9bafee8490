using System.Diagnostics.Metrics;
using DeliberationBot.Core.Telemetry;

namespace DeliberationBot.Host.Telemetry;

/// <summary>
/// Outbox depth and age and the number of open concerns, as gauges. They are read from the database by
/// <see cref="RefreshAsync"/> (every <see cref="Interval"/> in the background) rather than when a metric reader asks,
/// so that an exporter never waits on the database.
/// </summary>
internal sealed class OperationalGauges
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly IOperationalReadings _readings;
    // One reading at a time, so a slow earlier reading can never land after, and overwrite, a newer one.
    private readonly SemaphoreSlim _reading = new(1, 1);
    private OperationalReading _latest = new(0, TimeSpan.Zero, 0);

    public OperationalGauges(IOperationalReadings readings, IMeterFactory meters)
    {
        _readings = readings;
        var meter = meters.Create(BotTelemetry.Name);
        meter.CreateObservableGauge("deliberationbot.outbox.depth", () => _latest.OutboxDepth, "{message}", "Messages waiting in the outbox.");
        meter.CreateObservableGauge("deliberationbot.outbox.oldest_age", () => _latest.OldestPendingAge.TotalSeconds, "s", "How long the oldest waiting outbox message has waited.");
        meter.CreateObservableGauge("deliberationbot.concerns.open", () => _latest.OpenConcerns, "{concern}", "Concerns not yet resolved.");
    }

    public OperationalReading Latest => _latest;

    public async Task RefreshAsync(CancellationToken ct)
    {
        await _reading.WaitAsync(ct);
        try
        {
            _latest = await _readings.ReadAsync(ct);
        }
        finally
        {
            _reading.Release();
        }
    }
}
