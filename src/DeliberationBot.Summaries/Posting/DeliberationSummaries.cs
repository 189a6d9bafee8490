using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Exports;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Summaries.Posting;

/// <summary>
/// Summarises a deliberation from what is stored: when its summary placeholder is about to be sent (so the slow part
/// happens after every platform was answered, from the outbox) and for the exported record.
/// </summary>
internal sealed class DeliberationSummaries(IDeliberationStore store, FlowResolver flows, ISummarizer summarizer, SuggestionService suggestions, IOptions<SummariesOptions> options)
    : IOutgoingMessageRefresher, ISummaryTextSource
{
    public int MinGroupSize => options.Value.MinGroupSize;

    public Task<OutgoingMessage> RefreshAsync(OutboxMessage message, CancellationToken ct) =>
        DeliberationRefresh.RebuildAsync<SummaryPlaceholder>(store, message, placeholder => placeholder.DeliberationId, async (_, d) =>
        {
            // A model's suggestions are kept, numbered, so the facilitator can confirm or dismiss each by its number.
            var (summary, input) = await SummarizeAsync(d, ct);
            var kept = await suggestions.KeepAsync(d, summary.SuggestedConcerns, $"suggestions:{message.Id:N}", ct);
            var set = SummaryAnswerSet.From(input);
            return new SummaryReport(d.Id, d.Title, summary with { SuggestedConcerns = [] })
            {
                Suggestions = kept,
                RestingOn = [.. kept.Where(s => s.Status == SuggestionStatus.Suggested).Select(s => new SuggestionQuotes(s.Number,
                    [.. CitedAnswers.Quotable(set, s.Cites, s.SectionId).Select(q => QuotedAnswer.Of(q.Question, q.Answer, q.Text, ruleConcern: false))]))],
            };
        }, ct);

    public async Task<string?> SummaryTextAsync(Deliberation deliberation, CancellationToken ct) =>
        SummaryText.Render((await SummarizeAsync(deliberation, ct)).Summary);

    public async Task<DeliberationSummary> SummaryAsync(Deliberation deliberation, CancellationToken ct) => (await SummarizeAsync(deliberation, ct)).Summary;

    private async Task<(DeliberationSummary Summary, SummaryInput Input)> SummarizeAsync(Deliberation d, CancellationToken ct)
    {
        var flow = await flows.ForAsync(d, ct);
        var (participants, inOrder) = await CitedAnswers.ReadAsync(store, d, ct);
        var unresolved = (await store.ListConcernsAsync(d.WorkspaceId, d.Id, ct)).Count(c => c.Kind == ConcernKind.Concern && c.IsUnresolved);
        var input = new SummaryInput(d.Id, d.Title, flow, CitedAnswers.ForSummary(participants, inOrder), MinGroupSize, unresolved);
        var summary = await summarizer.SummarizeAsync(input, ct);
        BotTelemetry.RecordSummary(options.Value.Provider, fallback: summary.Source == SummarySource.OfflineFallback);
        return (summary, input);
    }
}
