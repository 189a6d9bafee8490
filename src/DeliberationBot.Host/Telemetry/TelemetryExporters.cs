using System.Runtime.CompilerServices;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;

namespace DeliberationBot.Host.Telemetry;

/// <summary>
/// The exporters, each in a method of its own that is never inlined: the runtime loads an assembly when it first
/// compiles or prepares a method that names one of its types, so a service that exports nowhere never maps the Azure
/// Monitor exporter, Azure.Core or the OTLP exporter (about 2 MB of resident memory, measured in
/// tests/DeliberationBot.Benchmarks/results/startup-memory.md).
/// </summary>
internal static class TelemetryExporters
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void UseAzureMonitor(OpenTelemetryBuilder otel, string connectionString) =>
        otel.UseAzureMonitorExporter(o => o.ConnectionString = connectionString);

    // Endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* variables.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void UseOtlp(OpenTelemetryBuilder otel) => otel.UseOtlpExporter();
}
