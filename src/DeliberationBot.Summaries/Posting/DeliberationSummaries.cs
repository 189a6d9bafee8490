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
            var summary = await SummarizeAsync(d, ct);
            var kept = await suggestions.KeepAsync(d, summary.SuggestedConcerns, $"suggestions:{message.Id:N}", ct);
            return new SummaryReport(d.Id, d.Title, summary with { SuggestedConcerns = [] }) { Suggestions = kept };
        }, ct);

    public async Task<string?> SummaryTextAsync(Deliberation deliberation, CancellationToken ct) =>
        SummaryText.Render(await SummarizeAsync(deliberation, ct));

    public Task<DeliberationSummary> SummaryAsync(Deliberation deliberation, CancellationToken ct) => SummarizeAsync(deliberation, ct);

    private async Task<DeliberationSummary> SummarizeAsync(Deliberation d, CancellationToken ct)
    {
        var flow = await flows.ForAsync(d, ct);
        var participants = await store.ListParticipantsAsync(d.WorkspaceId, d.Id, ct);
        var answers = await store.ListAnswersAsync(d.WorkspaceId, d.Id, ct);
        var events = await store.ListEventsAsync(d.WorkspaceId, d.Id, ct);
        var unresolved = (await store.ListConcernsAsync(d.WorkspaceId, d.Id, ct)).Count(c => c.Kind == ConcernKind.Concern && c.IsUnresolved);
        var summary = await summarizer.SummarizeAsync(
            new SummaryInput(d.Id, d.Title, flow, SummaryAnswers.From(participants, answers, events), MinGroupSize, unresolved), ct);
        BotTelemetry.RecordSummary(options.Value.Provider, fallback: summary.Source == SummarySource.OfflineFallback);
        return summary;
    }
}

/// <summary>What the summariser may see of the answers: no names, no user ids, no pseudonyms.</summary>
internal static class SummaryAnswers
{
    /// <summary>
    /// Citation ids follow the order answers were first recorded (<see cref="CitedAnswers"/>), and participant refs the
    /// order people joined (P1, P2, …): both stay the same as more answers arrive, so unchanged sections give unchanged requests.
    /// </summary>
    public static IReadOnlyList<SummaryAnswer> From(IReadOnlyList<Participant> participants, IReadOnlyList<Answer> answers, IReadOnlyList<DeliberationEvent> events)
    {
        var refs = participants.OrderBy(p => p.JoinedAt).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select((p, i) => (p.Key, Ref: $"P{i + 1}", p.Anonymous))
            .ToDictionary(x => x.Key);
        return [.. CitedAnswers.InOrder(participants, answers, events)
            .Select((a, i) => new SummaryAnswer(CitedAnswers.Id(i), a.QuestionId, a.Group, refs[a.ParticipantKey].Ref, refs[a.ParticipantKey].Anonymous, a.Value, a.FlaggedConcern))];
    }
}
