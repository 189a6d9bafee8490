using DeliberationBot.Core.Deliberations;

namespace DeliberationBot.Core.Summaries;

/// <summary>
/// Which answer a summary's citation id names (A1, A2, …): the answers of the people taking part, in the order each
/// was first recorded. Answers are never deleted, so an id names the same answer as more arrive: a summary's suggestion
/// can still be traced to the answers it cited when the facilitator confirms it.
/// </summary>
public static class CitedAnswers
{
    public static string Id(int index) => $"A{index + 1}";

    /// <summary>The answers in citation order: the one at index i has the id <see cref="Id"/>(i).</summary>
    public static IReadOnlyList<Answer> InOrder(IReadOnlyList<Participant> participants, IReadOnlyList<Answer> answers, IReadOnlyList<DeliberationEvent> events)
    {
        var taking = participants.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var firstRecorded = events
            .Where(e => e.Type == EventTypes.Answered && e.Actor is not null && e.QuestionId is not null)
            .Select(e => (e.Actor!, e.QuestionId!))
            .Distinct()
            .Select((key, i) => (key, i))
            .ToDictionary(x => x.key, x => x.i);
        return [.. answers
            .Where(a => taking.Contains(a.ParticipantKey))
            .OrderBy(a => firstRecorded.GetValueOrDefault((a.ParticipantKey, a.QuestionId), int.MaxValue))
            .ThenBy(a => a.AnsweredAt)];
    }
}
