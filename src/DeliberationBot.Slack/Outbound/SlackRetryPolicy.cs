using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace DeliberationBot.Slack.Outbound;

/// <summary>
/// In-process retries of Slack Web API calls, with back-off and jitter, each attempt under Slack:HttpTimeout.
/// Retried: connection failures, timeouts, 5xx and the error codes Slack gives for its own transient trouble — but only
/// for calls that are safe to repeat. A post that failed on the way back may have gone through, so it is left to the
/// outbox, which looks for it before posting again. A 429 is never retried here: the rate-limit gate and the outbox
/// wait for it durably.
/// </summary>
internal static partial class SlackRetryPolicy
{
    public const string PipelineName = "slack-web-api";

    /// <summary>Set on requests that are safe to repeat after an unknown outcome.</summary>
    public static readonly HttpRequestOptionsKey<bool> Repeatable = new("DeliberationBot.Slack.Repeatable");

    /// <summary>The error codes of an <c>ok: false</c> answer that mean "try again", not "you asked wrongly".</summary>
    public static readonly IReadOnlySet<string> TransientErrors = new HashSet<string>(StringComparer.Ordinal)
    {
        "internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited",
    };

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = services.GetRequiredService<ILogger<SlackApiClient>>();
        if (options.TransientRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.TransientRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.TransientRetryDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => IsRepeatable(args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage())
                    ? IsTransientAsync(args.Outcome, args.Context.CancellationToken)
                    : ValueTask.FromResult(false),
                OnRetry = args =>
                {
                    LogRetry(logger, (args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage())?.RequestUri?.AbsolutePath,
                        args.Outcome.Result is { } r ? $"http_{(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(options.HttpTimeout);
    }

    public static bool IsRepeatable(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Repeatable, out var repeatable) && repeatable;

    private static async ValueTask<bool> IsTransientAsync(Outcome<HttpResponseMessage> outcome, CancellationToken ct)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        if ((int)response.StatusCode >= 500)
        {
            return true;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        // Slack answers its own trouble with 200 and ok:false; the body is buffered so the client can still read it.
        await response.Content.LoadIntoBufferAsync(ct);
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.False
                && body.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                && TransientErrors.Contains(error.GetString()!);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Method} failed transiently ({Error}); retry {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string? method, string? error, int attempt, TimeSpan delay);
}
