using System.ClientModel;
using System.Globalization;
using DeliberationBot.Core.Telemetry;
using DeliberationBot.Summaries.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace DeliberationBot.Summaries.AzureOpenAI;

/// <summary>A section's reply, or why there is none.</summary>
internal sealed record CallOutcome(SectionReply? Reply, string? Problem);

/// <summary>
/// Asks the model for one section: a reply that is not JSON of the expected shape is asked again, up to
/// Summaries:MaxAttempts times, with a note saying what was wrong (what it says is checked later, by
/// <see cref="Core.Summaries.ModelAdditions"/>, which drops and counts rather than retries). Timeouts, rate limits and
/// outages are retried underneath, by <see cref="ModelRetryPolicy"/>; what reaches here is final.
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
        log.Sending(request.SectionId, request.Part, request.Tokens);
        for (var attempt = 1; attempt <= settings.MaxAttempts; attempt++)
        {
            ChatResponse response;
            try
            {
                response = await chat.GetResponseAsync(messages, ChatOptions, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && Unavailable(e, settings) is { } unavailable)
            {
                log.AttemptFailed(request.SectionId, request.Part, attempt, settings.MaxAttempts, unavailable);
                return new CallOutcome(null, unavailable);
            }

            BotTelemetry.RecordTokens(response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
            log.Replied(request.SectionId, request.Part, response.Text?.Length ?? 0);
            if (ModelReply.TryRead(response.Text, request, out var reply, out var invalid))
            {
                return new CallOutcome(reply, null);
            }

            problem = "the model's reply was invalid: " + invalid;
            log.AttemptFailed(request.SectionId, request.Part, attempt, settings.MaxAttempts, problem);
            messages = [messages[0], messages[1], new(ChatRole.User, prompts.InvalidReplyTemplate.Replace("{{problem}}", invalid, StringComparison.Ordinal))];
        }

        return new CallOutcome(null, $"{problem}, {Attempts(settings)}");
    }

    /// <summary>Why the model could not be used, once the retries underneath have given up; null for a failure that is not the model's.</summary>
    private string? Unavailable(Exception e, SummariesOptions settings) => e switch
    {
        TimeoutRejectedException or OperationCanceledException =>
            $"the model did not answer within {settings.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} seconds, {Attempts(settings)}",
        ClientResultException { Status: 429 } limited when RetryAfter(limited) is { } wait && wait > TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds) =>
            $"the model service is rate limiting requests (HTTP 429), and asked to wait {wait.TotalSeconds:0} seconds, longer than Summaries:MaxRetryAfterSeconds",
        ClientResultException { Status: 429 } => $"the model service is rate limiting requests (HTTP 429), {Attempts(settings)}",
        ClientResultException { Status: 0 } or HttpRequestException => $"the model service could not be reached, {Attempts(settings)}",
        ClientResultException { Status: 408 or >= 500 } failed => $"the model service failed (HTTP {failed.Status}), {Attempts(settings)}",
        ClientResultException refused => $"the model service refused the request (HTTP {refused.Status})",
        _ => null,
    };

    private static string Attempts(SummariesOptions settings) => $"{settings.MaxAttempts} attempt{(settings.MaxAttempts == 1 ? "" : "s")}";

    private TimeSpan? RetryAfter(ClientResultException e) =>
        e.GetRawResponse() is { } raw ? ModelRetryPolicy.RetryAfter(name => raw.Headers.TryGetValue(name, out var value) ? value : null, time.GetUtcNow()) : null;
}
