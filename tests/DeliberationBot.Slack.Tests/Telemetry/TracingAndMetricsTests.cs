using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using DeliberationBot.Core.Telemetry;
using DeliberationBot.Host.Telemetry;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DeliberationBot.Slack.Tests.Telemetry;

/// <summary>
/// One Slack answer, traced and measured through the real pipeline. The service exports to a local OTLP collector,
/// configured as an operator would (OTEL_EXPORTER_OTLP_ENDPOINT and _PROTOCOL), which is what makes it record spans;
/// OpenTelemetry's in-memory exporters beside it show the detail: the request, the command, the commit and the outbox
/// delivery form one trace, and the instruments move.
/// </summary>
public sealed class TracingAndMetricsTests : SlackHostTest
{
    private const string AnswerText = "Triage by risk would help Rosa Diaz";
    // Spans of other tests' hosts arrive too (activity listeners are process-wide), from their threads.
    private readonly LockedCollection<Activity> _spans = new();
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly SpanSignal _ended = new();
    private FakeOtlpCollector _collector = null!;

    public override async Task InitializeAsync()
    {
        _collector = await FakeOtlpCollector.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        // The service flushes what is left as it stops, to a collector still listening.
        await base.DisposeAsync();
        await _collector.DisposeAsync();
    }

    // Read from the service's configuration, like every OTEL_* setting, so nothing process-wide is changed.
    internal override void Configure(Dictionary<string, string?> settings)
    {
        settings[TelemetrySetup.OtlpKey] = _collector.Endpoint;
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
    }

    // The test sends the outbox itself, so the send's span has ended, and is queued for export, when SettleOutboxAsync
    // returns. (The exporter's processor comes after the test's own, so being woken by SpanSignal would not say that.)
    internal override void ConfigureServices(IServiceCollection services) => services.WithoutOutboxWorker().AddOpenTelemetry()
        .WithTracing(t => t.AddInMemoryExporter(_spans).AddProcessor(_ended))
        .WithMetrics(m => m.AddInMemoryExporter(_metrics));

    [Fact]
    public async Task One_slack_answer_is_one_trace_from_the_request_to_the_outbox_delivery_and_the_metrics_move()
    {
        var deliberation = await Host.StartDeliberationAsync("start quick-check \"Hotline triage\"");
        var card = await Host.CardAsync(deliberation);
        await Host.JoinInModalAsync(deliberation, "U0BOB", "community", "V0BOB", "b-0");
        await Host.SettleOutboxAsync();
        var before = Collect();

        // A sampled trace of the test's own around the request (its client passes it on as traceparent) tells this
        // test's spans apart from those of tests running beside it.
        var traceId = default(ActivityTraceId);
        using (var slack = new Activity("slack delivers a thread reply").SetIdFormat(ActivityIdFormat.W3C).SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
        {
            traceId = slack.TraceId;
            var reply = await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0BOB", AnswerText, "1700000100.000001", card.MessageId)));
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        }

        await Host.SettleOutboxAsync();
        var sent = await _ended.WaitForAsync(s => s.TraceId == traceId && s.DisplayName == "outbox send" && Equals(s.GetTagItem("deliberationbot.message.type"), "DeliberationCard"));
        // The server's span ends once the response is complete, which may be after the client has read it.
        var request = await _ended.WaitForAsync(s => s.TraceId == traceId && s.Kind == ActivityKind.Server && s.DisplayName == "POST /api/slack/events");

        var trace = Spans().Where(s => s.TraceId == traceId).ToList();
        Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.DisplayName == "POST /api/slack/events");
        var command = Assert.Single(trace, s => s.DisplayName == "command Answer");
        Assert.Equal(request.SpanId, command.ParentSpanId);
        var commit = Assert.Single(trace, s => s.DisplayName == "commit" && s.ParentSpanId == command.SpanId);
        Assert.Equal("committed", commit.GetTagItem("deliberationbot.commit.outcome"));
        Assert.Equal(commit.SpanId, sent.ParentSpanId);
        Assert.Equal("delivered", sent.GetTagItem("deliberationbot.outbox.outcome"));
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.ParentSpanId == sent.SpanId && s.DisplayName == "POST");
        Assert.Contains(trace, s => s.ParentSpanId == commit.SpanId && s.Source.Name == "OpenTelemetry.Instrumentation.EntityFrameworkCore");
        var rows = Assert.Single(trace, s => s.DisplayName == "commit rows" && s.ParentSpanId == commit.SpanId);
        Assert.True(rows.GetTagItem("deliberationbot.rows.count") is int count and > 1, "the answer's commit writes its rows under a span of their own");

        // Nothing a person wrote or who they are travels in telemetry.
        foreach (var span in trace)
        {
            var text = span.DisplayName + " " + string.Join(" ", span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            Assert.DoesNotContain("Rosa", text, StringComparison.Ordinal);
            Assert.DoesNotContain("U0BOB", text, StringComparison.Ordinal);
        }

        // The request's own span ends after its response, on the server's thread, so it is left to the detail above.
        AssertExportedOverOtlp(traceId, ["command Answer", "commit", "outbox send", "OpenTelemetry.Instrumentation.EntityFrameworkCore"]);

        var after = Collect();
        Assert.True(after.Acks("slack") > before.Acks("slack"), $"slack acknowledgements {before.Acks("slack")} → {after.Acks("slack")}");
        Assert.True(after.Sends("delivered") > before.Sends("delivered"), $"delivered sends {before.Sends("delivered")} → {after.Sends("delivered")}");
    }

    [Fact]
    public async Task The_gauges_show_the_outbox_backlog_and_the_open_concerns()
    {
        await Host.CommandAsync("start quick-check \"Hotline triage\"");
        await Host.SettleOutboxAsync();
        var gauges = Host.Services.GetRequiredService<OperationalGauges>();
        await gauges.RefreshAsync(default);
        Assert.Equal(new OperationalReading(0, TimeSpan.Zero, 0), gauges.Latest);

        await Host.CommandAsync("concern \"Nobody asked the night shift\"");
        await Host.SettleOutboxAsync();
        await gauges.RefreshAsync(default);

        Assert.Equal(1, gauges.Latest.OpenConcerns);
        Assert.Equal(0, gauges.Latest.OutboxDepth);

        // What this service's instruments report. The exporter below also hears the same instruments of every other
        // test host in the process, so it shows that the gauges are exported, not whose value it holds.
        var meters = Host.Services.GetRequiredService<IMeterFactory>();
        using var open = new MetricCollector<long>(meters, BotTelemetry.Name, "deliberationbot.concerns.open");
        using var depth = new MetricCollector<long>(meters, BotTelemetry.Name, "deliberationbot.outbox.depth");
        open.RecordObservableInstruments();
        depth.RecordObservableInstruments();
        Assert.Equal(1, open.LastMeasurement!.Value);
        Assert.Equal(0, depth.LastMeasurement!.Value);
        var exported = Collect();
        Assert.NotEmpty(exported.Gauge("deliberationbot.concerns.open"));
        Assert.NotEmpty(exported.Gauge("deliberationbot.outbox.depth"));
    }

    /// <summary>
    /// The collector received the trace as an operator's collector would: OTLP/HTTP protobuf exports to /v1/traces
    /// holding the trace's id beside each expected span or instrumentation name, and nothing a person wrote or who they are.
    /// </summary>
    private void AssertExportedOverOtlp(ActivityTraceId traceId, string[] names)
    {
        // The exporter sends in batches on a timer; a flush sends what has ended so far and returns once the collector
        // has answered.
        Assert.True(Host.Services.GetRequiredService<TracerProvider>().ForceFlush());
        var exports = _collector.ExportsTo("/v1/traces");
        Assert.All(exports, e => Assert.Equal("application/x-protobuf", e.ContentType));
        var id = new byte[16];
        traceId.CopyTo(id);
        foreach (var name in names)
        {
            Assert.Contains(exports, e => e.Contains(id) && e.Contains(name));
        }

        Assert.DoesNotContain(exports, e => e.Contains(AnswerText) || e.Contains("U0BOB"));
    }

    private List<Activity> Spans() => _spans.Snapshot();

    private Readings Collect()
    {
        var provider = Host.Services.GetRequiredService<MeterProvider>();
        lock (_metrics)
        {
            _metrics.Clear();
            Assert.True(provider.ForceFlush());
            return new Readings([.. _metrics]);
        }
    }

    private sealed record Readings(List<MetricSnapshot> Metrics)
    {
        public long Acks(string platform) => Points("deliberationbot.ack.duration").Where(p => Tag(p, "platform") == platform).Sum(p => p.GetHistogramCount());

        public long Sends(string outcome) => Points("deliberationbot.outbox.sends").Where(p => Tag(p, "outcome") == outcome).Sum(p => p.GetSumLong());

        public IEnumerable<double> Gauge(string name) => Metrics.Where(m => m.Name == name)
            .SelectMany(m => m.MetricPoints.Select(p => m.MetricType == MetricType.LongGauge ? p.GetGaugeLastValueLong() : p.GetGaugeLastValueDouble()));

        private IEnumerable<MetricPoint> Points(string name) => Metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints);

        private static string? Tag(MetricPoint point, string key)
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == key)
                {
                    return tag.Value?.ToString();
                }
            }

            return null;
        }
    }

    private sealed class LockedCollection<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count => Snapshot().Count;

        public bool IsReadOnly => false;

        public List<T> Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }

        public void Add(T item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public bool Contains(T item) => Snapshot().Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(T item)
        {
            lock (_items)
            {
                return _items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Wakes the test when a span it waits for has ended, without polling.</summary>
    private sealed class SpanSignal : BaseProcessor<Activity>
    {
        private readonly ConcurrentQueue<Activity> _ended = new();
        private readonly SemaphoreSlim _arrived = new(0);

        public override void OnEnd(Activity data)
        {
            _ended.Enqueue(data);
            _arrived.Release();
        }

        public async Task<Activity> WaitForAsync(Func<Activity, bool> match)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                if (_ended.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                await _arrived.WaitAsync(timeout.Token);
            }
        }
    }
}
