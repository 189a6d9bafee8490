using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace DeliberationBot.Summaries.AzureOpenAI;

/// <summary>
/// In-process retries of model calls, up to Summaries:MaxAttempts calls in all, each under Summaries:TimeoutSeconds.
/// Retried: a timeout (at once), a 429 after its Retry-After when that is at most Summaries:MaxRetryAfterSeconds, and
/// 408, 5xx and dropped connections after Summaries:RetryDelaySeconds, doubling. Anything else — a longer Retry-After,
/// 400, 401, 403, 404 — goes back to <see cref="ModelCaller"/> at once, which says why it used the offline summary.
/// The client library's own retries are off, so these rules are the only ones.
/// </summary>
internal static class ModelRetryPolicy
{
    public const string HttpClientName = "DeliberationBot.Summaries.AzureOpenAI";

    public const string PipelineName = "azure-openai";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SummariesOptions>>().Value;
        var log = services.GetRequiredService<SummariesLog>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(Wait(args.Outcome, args.AttemptNumber, options, time.GetUtcNow()) is not null),
                DelayGenerator = args => ValueTask.FromResult(Wait(args.Outcome, args.AttemptNumber, options, time.GetUtcNow())),
                OnRetry = args =>
                {
                    log.CallRetried(args.AttemptNumber + 1, options.MaxAttempts, Problem(args.Outcome, options), args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(options.Timeout);
    }

    /// <summary>How long to wait before calling again after <paramref name="outcome"/>, or null when it is not worth another call.</summary>
    private static TimeSpan? Wait(Outcome<HttpResponseMessage> outcome, int attempt, SummariesOptions options, DateTimeOffset now)
    {
        var backoff = TimeSpan.FromSeconds(options.RetryDelaySeconds * Math.Pow(2, attempt));
        if (outcome.Exception is not null)
        {
            return outcome.Exception switch
            {
                TimeoutRejectedException => TimeSpan.Zero,
                HttpRequestException => backoff,
                _ => null,
            };
        }

        var response = outcome.Result!;
        return (int)response.StatusCode switch
        {
            429 => RetryAfter(response, now) is var wait && (wait ?? backoff) <= TimeSpan.FromSeconds(options.MaxRetryAfterSeconds) ? wait ?? backoff : null,
            408 or >= 500 => backoff,
            _ => null,
        };
    }

    private static string Problem(Outcome<HttpResponseMessage> outcome, SummariesOptions options) => outcome switch
    {
        { Exception: TimeoutRejectedException } => $"the model did not answer within {options.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} seconds",
        { Exception: not null } => "the model service could not be reached",
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => "the model service is rate limiting requests (HTTP 429)",
        { Result: { } r } => $"the model service failed (HTTP {(int)r.StatusCode})",
        _ => "the model call failed",
    };

    /// <summary>Azure sends retry-after-ms; everyone sends Retry-After, in seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(Func<string, string?> header, DateTimeOffset now)
    {
        if (double.TryParse(header("retry-after-ms"), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        var value = header("Retry-After");
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? TimeSpan.FromTicks(Math.Max(0, (at - now).Ticks))
            : null;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        RetryAfter(name => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null, now);
}
