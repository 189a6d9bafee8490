namespace DeliberationBot.Host.Telemetry;

/// <summary>Says where telemetry goes, then keeps the operational gauges current.</summary>
internal sealed partial class TelemetryStartup(
    TelemetryDestinations destinations,
    OperationalGauges gauges,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<TelemetryStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogDestinations(destinations.Describe());

        // Read only once every hosted service has started, migrations included.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await gauges.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unreachable; the gauges keep their last values until the next try.
                LogRefreshFailed(e.GetType().Name);
            }

            await Task.Delay(OperationalGauges.Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry: {Destinations}")]
    private partial void LogDestinations(string destinations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the operational gauges ({Error}); will try again")]
    private partial void LogRefreshFailed(string error);
}
