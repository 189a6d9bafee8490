using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace DeliberationBot.Teams.Outbound;

/// <summary>
/// In-process retries of Bot Connector calls (protocols.md B.5). Retried: 429 when its Retry-After is short (a longer
/// wait goes back to the outbox, which waits durably), 412, and connection failures before anything was sent. 5xx,
/// 408 and timeouts are retried only for calls that are safe to repeat (GET, PUT, creating a 1:1 conversation): a
/// POST of an activity may already have been delivered, and posting it again would show the message twice.
/// </summary>
internal static class ConnectorRetryPolicy
{
    public const string PipelineName = "teams-connector";

    /// <summary>Set on requests that are safe to repeat after an unknown outcome.</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("DeliberationBot.Teams.Idempotent");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        if (options.ConnectorRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.ConnectorRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = options.MaxInlineRetryAfter > TimeSpan.Zero ? options.MaxInlineRetryAfter : TimeSpan.FromSeconds(5),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(
                    args.Outcome.Result, args.Outcome.Exception, IsIdempotent(args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage()),
                    options.MaxInlineRetryAfter, time.GetUtcNow())),
            });
        }

        builder.AddTimeout(options.ConnectorTimeout);
    }

    public static bool IsIdempotent(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete ||
                                (request.Options.TryGetValue(Idempotent, out var flagged) && flagged));

    public static bool ShouldRetry(HttpResponseMessage? response, Exception? exception, bool idempotent, TimeSpan maxInlineRetryAfter, DateTimeOffset now)
    {
        if (exception is not null)
        {
            return exception switch
            {
                OperationCanceledException => false,
                HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
                HttpRequestException or TimeoutRejectedException => idempotent,
                _ => false,
            };
        }

        return response?.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => (RetryAfter(response, now) ?? TimeSpan.Zero) <= maxInlineRetryAfter,
            HttpStatusCode.PreconditionFailed => true,
            HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => idempotent,
            _ => false,
        };
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
}
