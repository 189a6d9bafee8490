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
}
