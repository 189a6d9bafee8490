using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DeliberationBot.Core.Telemetry;

/// <summary>
/// The service's own spans and instruments. Names and tags carry ids, channels and outcomes only: never a person's
/// name, an answer or a concern's text. The host decides where they are exported (Azure Monitor, OTLP or nowhere).
/// </summary>
public static class BotTelemetry
{
    public const string Name = "DeliberationBot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Time from receiving a platform request to answering it; Slack retries after 3 s, so this is the one to watch.</summary>
    public static readonly Histogram<double> AckDuration = Meter.CreateHistogram<double>(
        "deliberationbot.ack.duration", unit: "s", description: "Time to acknowledge a platform request, by platform.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10] });

    public static readonly Counter<long> Sends = Meter.CreateCounter<long>(
        "deliberationbot.outbox.sends", unit: "{message}", description: "Outbox send attempts, by channel and outcome (delivered, retry, failed).");

    public static readonly Counter<long> Summaries = Meter.CreateCounter<long>(
        "deliberationbot.summaries", unit: "{summary}", description: "Summaries produced, by provider and whether the offline fallback was used.");

    public static readonly Counter<long> ModelTokens = Meter.CreateCounter<long>(
        "deliberationbot.model.tokens", unit: "{token}", description: "Tokens used by the summary model, by type (input, output).");

    /// <summary>Starts a span for a command a person ran; <paramref name="command"/> is the verb, never its arguments.</summary>
    public static Activity? StartCommand(string command, string channel)
    {
        var activity = Source.StartActivity("command " + command);
        activity?.SetTag("deliberationbot.command", command);
        activity?.SetTag("deliberationbot.channel", channel);
        return activity;
    }

    public static void RecordAck(string platform, TimeSpan elapsed) =>
        AckDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("platform", platform));

    public static void RecordSend(string channel, string outcome) =>
        Sends.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));

    public static void RecordSummary(string provider, bool fallback) =>
        Summaries.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("fallback", fallback));

    public static void RecordTokens(long input, long output)
    {
        ModelTokens.Add(input, new KeyValuePair<string, object?>("type", "input"));
        ModelTokens.Add(output, new KeyValuePair<string, object?>("type", "output"));
    }
}
