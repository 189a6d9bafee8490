using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.Tokens;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Summaries.AzureOpenAI;

/// <summary>
/// The offline summary, plus statements and suggested concerns from an Azure OpenAI deployment, one section request at a
/// time. The model only adds, and only what <see cref="ModelAdditions"/> finds borne out by the record: counts, quotes
/// and flagged concerns stay those of the offline summary. Sections whose
/// request is unchanged since an earlier call reuse that call's reply. If any request fails after its retries, the
/// result is the offline summary, marked <see cref="SummarySource.OfflineFallback"/> with the reason; replies already
/// received stay cached, so the next call only sends what is missing.
/// </summary>
internal sealed class AzureOpenAISummarizer(
    SectionRequestBuilder builder,
    ModelCaller caller,
    SectionReplyCache cache,
    ITokenCounter tokens,
    IOptions<SummariesOptions> options,
    IOptions<AzureOpenAIOptions> azure,
    SummariesLog log) : ISummarizer
{
    private int _announced;

    public async Task<DeliberationSummary> SummarizeAsync(SummaryInput input, CancellationToken ct)
    {
        var offline = OfflineSummarizer.Summarize(input);
        var budget = options.Value.SectionTokenBudget;
        if (Interlocked.Exchange(ref _announced, 1) == 0)
        {
            log.TokenCounting(tokens.Method, budget);
        }

        try
        {
            var deployment = azure.Value.Deployment!;
            var requests = builder.Build(SummaryAnswerSet.From(input), budget, deployment);
            if (requests.Count == 0)
            {
                return offline;
            }

            log.Summarising(input.DeliberationId, deployment, requests.Count, requests.Count(r => cache.TryGet(r.CacheKey, out _)));
            var replies = new List<SectionReply>();
            foreach (var request in requests)
            {
                if (cache.TryGet(request.CacheKey, out var cached))
                {
                    log.CacheHit(request.SectionId, request.Part);
                    replies.Add(cached);
                    continue;
                }

                var outcome = await caller.CallAsync(request, ct);
                if (outcome.Reply is null)
                {
                    var part = request.Parts > 1 ? $" (part {request.Part} of {request.Parts})" : "";
                    return FallBack(offline, $"section \"{request.SectionTitle}\"{part}: {outcome.Problem}");
                }

                cache.Set(request.CacheKey, outcome.Reply);
                replies.Add(outcome.Reply);
            }

            var summary = ModelAdditions.Merge(offline, input, [.. replies.SelectMany(r => r.Statements)], [.. replies.SelectMany(r => r.SuggestedConcerns)]);
            if (summary.DroppedStatements + summary.DroppedSuggestions > 0)
            {
                log.Dropped(input.DeliberationId, summary.DroppedStatements, summary.DroppedSuggestions);
            }

            return summary;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.Crashed(input.DeliberationId, e);
            return offline with { Source = SummarySource.OfflineFallback, FallbackReason = "an unexpected error" };
        }
    }

    private DeliberationSummary FallBack(DeliberationSummary offline, string reason)
    {
        log.FellBack(offline.DeliberationId, reason);
        return offline with { Source = SummarySource.OfflineFallback, FallbackReason = reason };
    }
}
