using System.ClientModel;
using System.Globalization;
using DeliberationBot.Summaries.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Summaries.AzureOpenAI;

/// <summary>A section's reply, or why there is none.</summary>
internal sealed record CallOutcome(SectionReply? Reply, string? Problem);

/// <summary>
/// Calls the model for one section request, up to Summaries:MaxAttempts times: each call has its own timeout; a reply
/// that is not JSON of the expected shape is retried with a note saying what was wrong (what it says is checked later,
/// by <see cref="Core.Summaries.ModelAdditions"/>, which drops and counts rather than retries); a 429 waits
/// for its Retry-After (up to Summaries:MaxRetryAfterSeconds); 5xx and dropped connections back off and retry. Other
/// refusals (400, 401, 403, 404) are not retried. The client library's own retries are off, so these rules are the only ones.
/// </summary>
internal sealed class ModelCaller(
    [Microsoft.Extensions.DependencyInjection.FromKeyedServices(SummariesServiceCollectionExtensions.ChatClientKey)] IChatClient chat,
    SummaryPrompts prompts,
    IOptions<SummariesOptions> options,
    TimeProvider time,
    SummariesLog log)
{
    private static readonly ChatOptions ChatOptions = new() { ResponseFormat = ChatResponseFormat.Json };

    public async Task<CallOutcome> CallAsync(SectionRequest request, CancellationToken ct)
    {
        var settings = options.Value;
        var messages = new List<ChatMessage> { new(ChatRole.System, prompts.System), new(ChatRole.User, request.Prompt) };
        var problem = "no attempt was made";
        log.Sending(request.SectionId, request.Part, request.Tokens, request.Prompt);
        for (var attempt = 1; attempt <= settings.MaxAttempts; attempt++)
        {
            TimeSpan? wait = null;
            using var timeout = new CancellationTokenSource(settings.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                var response = await chat.GetResponseAsync(messages, ChatOptions, linked.Token);
                log.Replied(request.SectionId, request.Part, response.Text);
                if (ModelReply.TryRead(response.Text, request, out var reply, out var invalid))
                {
                    return new CallOutcome(reply, null);
                }

                problem = "the model's reply was invalid: " + invalid;
                messages = [messages[0], messages[1], new(ChatRole.User, prompts.InvalidReplyTemplate.Replace("{{problem}}", invalid, StringComparison.Ordinal))];
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                problem = $"the model did not answer within {settings.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} seconds";
            }
            catch (ClientResultException e) when (e.Status == 429)
            {
                wait = RetryAfter(e) ?? Backoff(settings, attempt);
                problem = "the model service is rate limiting requests (HTTP 429)";
                if (wait > TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds))
                {
                    log.AttemptFailed(request.SectionId, request.Part, attempt, settings.MaxAttempts, problem);
                    return new CallOutcome(null, $"{problem}, and asked to wait {wait.Value.TotalSeconds:0} seconds, longer than Summaries:MaxRetryAfterSeconds");
                }
            }
            catch (ClientResultException e) when (e.Status is 0 or 408 or >= 500)
            {
                wait = Backoff(settings, attempt);
                problem = e.Status == 0 ? "the model service could not be reached" : $"the model service failed (HTTP {e.Status})";
            }
            catch (ClientResultException e)
            {
                problem = $"the model service refused the request (HTTP {e.Status})";
                log.AttemptFailed(request.SectionId, request.Part, attempt, settings.MaxAttempts, problem);
                return new CallOutcome(null, problem);
            }
            catch (HttpRequestException)
            {
                wait = Backoff(settings, attempt);
                problem = "the model service could not be reached";
            }

            log.AttemptFailed(request.SectionId, request.Part, attempt, settings.MaxAttempts, problem);
            if (wait is { } delay && attempt < settings.MaxAttempts && delay > TimeSpan.Zero)
            {
                log.Waiting(request.SectionId, request.Part, delay);
                await Task.Delay(delay, time, ct);
            }
        }

        return new CallOutcome(null, $"{problem}, {settings.MaxAttempts} attempt{(settings.MaxAttempts == 1 ? "" : "s")}");
    }

    private static TimeSpan Backoff(SummariesOptions settings, int attempt) =>
        TimeSpan.FromSeconds(settings.RetryDelaySeconds * Math.Pow(2, attempt - 1));

    /// <summary>Azure sends retry-after-ms; everyone sends Retry-After, in seconds or as an HTTP date.</summary>
    private TimeSpan? RetryAfter(ClientResultException e)
    {
        var headers = e.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (!headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? TimeSpan.FromTicks(Math.Max(0, (at - time.GetUtcNow()).Ticks))
            : null;
    }
}
