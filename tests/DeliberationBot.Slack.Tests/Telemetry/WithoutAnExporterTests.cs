using System.Diagnostics.Metrics;
using DeliberationBot.Core.Telemetry;
using DeliberationBot.Host.Telemetry;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DeliberationBot.Slack.Tests.Telemetry;

/// <summary>
/// The service as it runs with neither APPLICATIONINSIGHTS_CONNECTION_STRING nor OTEL_EXPORTER_OTLP_ENDPOINT (the test
/// hosts' default): spans would go nowhere, so none are recorded, while the metrics the service reads itself still work.
/// Asked of this host's own container, because activity listeners are process-wide and other tests' hosts listen.
/// </summary>
public sealed class WithoutAnExporterTests(SlackHostFixture fixture) : IClassFixture<SlackHostFixture>
{
    private readonly SlackTestHost _host = fixture.Host;

    [Fact]
    public void No_tracer_provider_is_registered_so_nothing_listens_to_the_sources_for_this_service()
    {
        Assert.Null(_host.Services.GetService<TracerProvider>());
        Assert.DoesNotContain(_host.Factory.Registrations, r => r.ServiceType == typeof(TracerProvider));
    }

    [Fact]
    public void The_start_up_line_says_telemetry_is_not_exported_and_spans_are_not_recorded()
    {
        Assert.True(
            _host.Logs.Contains(LogLevel.Information, "Telemetry: not exported, and no spans are recorded (set APPLICATIONINSIGHTS_CONNECTION_STRING or OTEL_EXPORTER_OTLP_ENDPOINT)"),
            string.Join("\n", _host.Logs.Entries.Select(e => e.Message)));
    }

    [Fact]
    public async Task Metrics_are_still_recorded_and_readable()
    {
        Assert.NotNull(_host.Services.GetService<MeterProvider>());

        // The acknowledgement histogram is static, so other hosts record into it too: this shows it is recorded at all.
        using var acks = new MetricCollector<double>(BotTelemetry.AckDuration);
        var response = await _host.CommandAsync("status");
        response.EnsureSuccessStatusCode();
        Assert.Contains(acks.GetMeasurementSnapshot(), m => Equals(m.Tags["platform"], "slack"));

        var gauges = _host.Services.GetRequiredService<OperationalGauges>();
        await gauges.RefreshAsync(default);

        // This host's own instrument, created through its meter factory, not one another test's host also reports.
        using var depth = new MetricCollector<long>(_host.Services.GetRequiredService<IMeterFactory>(), BotTelemetry.Name, "deliberationbot.outbox.depth");
        depth.RecordObservableInstruments();
        Assert.Equal(gauges.Latest.OutboxDepth, depth.LastMeasurement!.Value);
    }
}
