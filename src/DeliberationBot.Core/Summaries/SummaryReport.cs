using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Summaries;

/// <summary>The summary as posted in the deliberation's conversation when it closes or on <c>concerns</c>.</summary>
public sealed record SummaryReport(Guid DeliberationId, string Title, DeliberationSummary Summary) : OutgoingMessage
{
    /// <summary>
    /// The concerns summaries suggested for this deliberation as kept (S1, S2, …), each waiting for the facilitator to
    /// confirm or dismiss it, or already settled.
    /// </summary>
    public IReadOnlyList<Concerns.Suggestion> Suggestions { get; init; } = [];

    /// <summary>
    /// For each suggestion waiting for the facilitator, the answers it cites as the summary may quote them: what it
    /// rests on, read before confirming it, and what the owners will read with it once confirmed.
    /// </summary>
    public IReadOnlyList<SuggestionQuotes> RestingOn { get; init; } = [];

    public IReadOnlyList<QuotedAnswer> QuotesFor(Concerns.Suggestion suggestion) =>
        RestingOn.FirstOrDefault(r => r.Number == suggestion.Number)?.Quotes ?? [];
}

/// <summary>The answers suggestion S<paramref name="Number"/> cites, as the summary may quote them.</summary>
public sealed record SuggestionQuotes(int Number, IReadOnlyList<QuotedAnswer> Quotes);
