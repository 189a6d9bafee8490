using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>One OTLP/HTTP export as the collector received it: the signal's path (/v1/traces …) and the protobuf body.</summary>
internal sealed record OtlpExport(string Path, string? ContentType, byte[] Body)
{
    /// <summary>Whether the body holds <paramref name="text"/>: protobuf keeps strings (span names, tag values) as plain UTF-8.</summary>
    public bool Contains(string text) => Contains(Encoding.UTF8.GetBytes(text));

    public bool Contains(ReadOnlySpan<byte> bytes) => Body.AsSpan().IndexOf(bytes) >= 0;
}

/// <summary>
/// A local stand-in for an OpenTelemetry collector's OTLP/HTTP receiver on 127.0.0.1: records every export and
/// accepts it with an empty success response, as a collector does. The service reaches it through the standard
/// OTEL_EXPORTER_OTLP_* settings, as it would reach a real one.
/// </summary>
internal sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<OtlpExport> _exports = [];

    private FakeOtlpCollector(WebApplication app) => _app = app;

    /// <summary>What OTEL_EXPORTER_OTLP_ENDPOINT is set to; the exporter adds /v1/traces, /v1/metrics and /v1/logs.</summary>
    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<OtlpExport> ExportsTo(string path)
    {
        lock (_lock)
        {
            return [.. _exports.Where(e => e.Path == path)];
        }
    }

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var app = LoopbackServer.CreateBuilder().Build();
        var collector = new FakeOtlpCollector(app);
        app.MapPost("/v1/{signal}", (Func<HttpContext, Task>)collector.ReceiveAsync);
        await app.StartAsync();
        collector.Endpoint = LoopbackServer.Address(app);
        return collector;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        lock (_lock)
        {
            _exports.Add(new OtlpExport(context.Request.Path, context.Request.ContentType, body.ToArray()));
        }

        // An empty Export*ServiceResponse: everything accepted.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }

    public ValueTask DisposeAsync() => LoopbackServer.StopAsync(_app);
}
