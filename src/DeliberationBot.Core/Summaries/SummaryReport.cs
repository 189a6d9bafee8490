using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Summaries;

/// <summary>The summary as posted in the deliberation's conversation when it closes or on <c>concerns</c>.</summary>
public sealed record SummaryReport(Guid DeliberationId, string Title, DeliberationSummary Summary) : OutgoingMessage;
