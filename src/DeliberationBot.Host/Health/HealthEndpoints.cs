using DeliberationBot.Core.Flows;
using DeliberationBot.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DeliberationBot.Host.Health;

internal static class HealthEndpoints
{
    private const string Ready = "ready";
    private const string LivePath = "/healthz";
    private const string ReadyPath = "/readyz";

    /// <summary>
    /// Whether a request is a health probe: a platform sends one every few seconds, so probes are left out of traces and
    /// do not count as the service being in use.
    /// </summary>
    public static bool IsProbe(PathString path) => path.StartsWithSegments(LivePath) || path.StartsWithSegments(ReadyPath);

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [Ready])
            .AddCheck<FlowsCheck>("flows", tags: [Ready]);
        return services;
    }

    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the database answers and flows are loaded.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteDetailsAsync });
        return app;
    }

    private static Task WriteDetailsAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), detail = e.Value.Description }),
        });
    }

    private sealed class DatabaseCheck(DatabaseSchema schema) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await schema.IsReadyAsync(cancellationToken)
                ? HealthCheckResult.Healthy(schema.Provider.ToString())
                : HealthCheckResult.Unhealthy($"{schema.Provider} is unreachable or its schema is not up to date");
    }

    private sealed class FlowsCheck(FlowCatalog flows) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(flows.All.Count > 0
                ? HealthCheckResult.Healthy($"{Core.Summaries.GroupWords.Count(flows.All.Count, "flow")}: {string.Join(", ", flows.All.Select(f => f.Id))}")
                : HealthCheckResult.Unhealthy("no flows loaded"));
    }
}
