namespace DeliberationBot.Core.Concerns;

public enum SuggestionStatus
{
    Suggested,
    Confirmed,
    Dismissed,
}

/// <summary>
/// A concern a summary suggested (S1, S2, … within a deliberation). It is never a concern until the facilitator confirms
/// it; then <see cref="ConcernNumber"/> is the concern it became.
/// </summary>
public sealed record Suggestion(
    Guid Id,
    Guid DeliberationId,
    int Number,
    string Text,
    string? SectionId,
    string? QuestionId,
    IReadOnlyList<string> Cites,
    SuggestionStatus Status,
    int? ConcernNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public string Label => $"S{Number}";
}
