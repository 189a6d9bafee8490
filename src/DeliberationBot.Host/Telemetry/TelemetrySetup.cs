using DeliberationBot.Core.Telemetry;
using DeliberationBot.Host.Health;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DeliberationBot.Host.Telemetry;

/// <summary>
/// Traces, metrics and logs through OpenTelemetry: ASP.NET Core, HttpClient and EF Core instrumentation plus our own
/// spans and instruments (<see cref="BotTelemetry"/>). They go to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, to OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and
/// nowhere otherwise. Spans are recorded only when they go somewhere; metrics always are, because the service reads
/// its own instruments too. In Production the console log is one JSON object per line.
/// </summary>
internal static class TelemetrySetup
{
    public const string AzureMonitorKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsProduction())
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.IncludeScopes = true;
            });
        }

        var destinations = new TelemetryDestinations(
            AzureMonitor: builder.Configuration[AzureMonitorKey] is { Length: > 0 } connection ? connection : null,
            Otlp: !string.IsNullOrWhiteSpace(builder.Configuration[OtlpKey]));

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(BotTelemetry.Name, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m => m
                .AddMeter(BotTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging();
        if (destinations.Exported)
        {
            AddTracing(otel);
        }

        if (destinations.AzureMonitor is { } connectionString)
        {
            TelemetryExporters.UseAzureMonitor(otel, connectionString);
        }

        if (destinations.Otlp)
        {
            TelemetryExporters.UseOtlp(otel);
        }

        builder.Services.AddSingleton(destinations);
        builder.Services.AddSingleton<OperationalGauges>();
        builder.Services.AddHostedService<TelemetryStartup>();
        builder.Services.AddSingleton<IStartupFilter, AcknowledgementTiming>();
        return builder;
    }

    // Without a tracer provider no listener subscribes to these sources, so a request builds no spans: the EF Core
    // listener alone cost about 4 % of the CPU of a Slack command under load while its spans went nowhere.
    private static void AddTracing(OpenTelemetryBuilder otel) => otel.WithTracing(t => t
        .AddSource(BotTelemetry.Name)
        // Probes every few seconds would drown the traces that matter.
        .AddAspNetCoreInstrumentation(o => o.Filter = context => !HealthEndpoints.IsProbe(context.Request.Path))
        .AddHttpClientInstrumentation()
        .AddEntityFrameworkCoreInstrumentation());
}

/// <summary>Where telemetry goes; reported once at start-up.</summary>
internal sealed record TelemetryDestinations(string? AzureMonitor, bool Otlp)
{
    public bool Exported => AzureMonitor is not null || Otlp;

    public string Describe() => (AzureMonitor, Otlp) switch
    {
        (not null, true) => "exported to Azure Monitor and OTLP",
        (not null, false) => "exported to Azure Monitor",
        (null, true) => "exported to OTLP",
        _ => $"not exported, and no spans are recorded (set {TelemetrySetup.AzureMonitorKey} or {TelemetrySetup.OtlpKey})",
    };
}
