using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace DeliberationBot.Benchmarks;

/// <summary>
/// Load run: how long the service takes to acknowledge signed Slack slash commands (Slack allows 3 s), over loopback
/// HTTP against the real host with its SQLite file, its outbox worker sending to a local stand-in for Slack's Web API.
/// Writes results/ack-latency.md.
/// </summary>
internal static class AckLatencyRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        await using var slack = await StartFakeSlackAsync();
        var folder = Directory.CreateTempSubdirectory("deliberationbot-bench-");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DELIBERATIONBOT_HOST", Path.Combine(Repository.Root, "src", "DeliberationBot.Host"));
        using var host = new BenchHost(folder.FullName, slack.Urls.First()).UseLoopback();
        using var http = host.CreateClient();

        await MeasureAsync(http, 20, 2, i => $"status"); // warm-up
        var reads = await MeasureAsync(http, requests, concurrency, _ => "status");
        var writes = await MeasureAsync(http, requests, concurrency, i => $"start quick-check \"Proposal {i}\" due:2099-01-01");

        var report = new StringBuilder()
            .AppendLine("# Slack acknowledgement latency")
            .AppendLine()
            .AppendLine($"Run {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}, SQLite, Release build.")
            .AppendLine($"Each row: {requests} signed `/deliberate` requests, {concurrency} at a time, over loopback HTTP to the real host; time from sending to the acknowledgement (HTTP 200). Slack's budget is 3000 ms.")
            .AppendLine()
            .AppendLine("| command | ok | p50 ms | p95 ms | p99 ms | max ms | requests/s |")
            .AppendLine("|---|---|---|---|---|---|---|")
            .AppendLine(reads.Row("`status` (reads)"))
            .AppendLine(writes.Row("`start …` (commit + outbox)"))
            .ToString();
        var path = Path.Combine(Repository.Root, "tests", "DeliberationBot.Benchmarks", "results", "ack-latency.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report);
        Console.WriteLine(report);
        return reads.Failed + writes.Failed == 0 ? 0 : 1;
    }

    private static async Task<Result> MeasureAsync(HttpClient http, int count, int concurrency, Func<int, string> text)
    {
        var latencies = new double[count];
        var failed = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                using var request = Signed(text(i), $"C{i % 50}", $"U{worker}", $"{worker}.{i}");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        return new Result(latencies, failed, count / clock.Elapsed.TotalSeconds);
    }

    private static HttpRequestMessage Signed(string text, string channel, string user, string trigger)
    {
        var body = string.Join('&', new Dictionary<string, string>
        {
            ["team_id"] = "T0BENCH", ["channel_id"] = channel, ["user_id"] = user, ["user_name"] = user, ["command"] = "/deliberate",
            ["text"] = text, ["response_url"] = "http://127.0.0.1:9/unused", ["trigger_id"] = trigger, ["api_app_id"] = "A0BENCH",
        }.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"));
        var ts = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(BenchHost.SlackSecret), Encoding.UTF8.GetBytes($"v0:{ts}:{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/events") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", signature);
        return request;
    }

    /// <summary>Answers every Web API call with ok, as Slack would, so the outbox drains during the run.</summary>
    private static async Task<WebApplication> StartFakeSlackAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/api/{method}", (string method) => Results.Json(new { ok = true, ts = "1700000000.000100", channel = new { id = "D0BENCH" } }));
        await app.StartAsync();
        return app;
    }

    private sealed record Result(double[] Latencies, int Failed, double PerSecond)
    {
        public string Row(string name)
        {
            var sorted = Latencies.Order().ToArray();
            string P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
            return $"| {name} | {sorted.Length - Failed}/{sorted.Length} | {P(0.50)} | {P(0.95)} | {P(0.99)} | {sorted[^1].ToString("0.0", CultureInfo.InvariantCulture)} | {PerSecond.ToString("0", CultureInfo.InvariantCulture)} |";
        }
    }
}
