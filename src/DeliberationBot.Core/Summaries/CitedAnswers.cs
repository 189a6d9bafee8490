using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Summaries;

/// <summary>
/// Which answer a summary's citation id names (A1, A2, …): the answers of the people taking part, in the order each
/// was first recorded. Answers are never deleted, so an id names the same answer as more arrive: a summary's suggestion
/// can still be traced to the answers it cited when the facilitator confirms it.
/// </summary>
public static class CitedAnswers
{
    public static string Id(int index) => $"A{index + 1}";

    /// <summary>The deliberation's participants and its answers in citation order, as a summary reads them.</summary>
    public static async Task<(IReadOnlyList<Participant> Participants, IReadOnlyList<Answer> InOrder)> ReadAsync(IDeliberationStore store, Deliberation d, CancellationToken ct)
    {
        var participants = await store.ListParticipantsAsync(d.WorkspaceId, d.Id, ct);
        return (participants, InOrder(participants, await store.ListAnswersAsync(d.WorkspaceId, d.Id, ct), await store.ListEventsAsync(d.WorkspaceId, d.Id, ct)));
    }

    /// <summary>The answers in citation order: the one at index i has the id <see cref="Id"/>(i).</summary>
    private static IReadOnlyList<Answer> InOrder(IReadOnlyList<Participant> participants, IReadOnlyList<Answer> answers, IReadOnlyList<DeliberationEvent> events)
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

    /// <summary>
    /// What a summariser may see of answers given in citation order (<see cref="InOrder"/>): no names, no user ids, no
    /// pseudonyms. Participant refs follow the order people joined (P1, P2, …), so they too stay the same as more
    /// answers arrive, and unchanged sections give unchanged requests.
    /// </summary>
    public static IReadOnlyList<SummaryAnswer> ForSummary(IReadOnlyList<Participant> participants, IReadOnlyList<Answer> inOrder)
    {
        var refs = participants.OrderBy(p => p.JoinedAt).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select((p, i) => (p.Key, Ref: $"P{i + 1}", p.Anonymous))
            .ToDictionary(x => x.Key);
        return [.. inOrder.Select((a, i) => new SummaryAnswer(Id(i), a.QuestionId, a.Group, refs[a.ParticipantKey].Ref, refs[a.ParticipantKey].Anonymous, a.Value, a.FlaggedConcern))];
    }

    /// <summary>
    /// The answers <paramref name="cites"/> names that the summary may show, as it would quote them, each with its
    /// question: what a suggested concern rests on, in the words given. An id that names no answer, a skipped answer, an
    /// answer outside <paramref name="sectionId"/> (when the suggestion has one) and an anonymous answer the summary may
    /// not show are left out.
    /// </summary>
    public static IEnumerable<(SummaryAnswer Answer, Question Question, string Text)> Quotable(SummaryAnswerSet set, IReadOnlyList<string> cites, string? sectionId)
    {
        var cited = cites.ToHashSet(StringComparer.Ordinal);
        foreach (var answer in set.All.Where(a => cited.Contains(a.Id) && !a.Value.Skipped && set.IsShown(a)))
        {
            if (set.Flow.FindQuestion(answer.QuestionId) is { } question && (sectionId is null || question.SectionId == sectionId))
            {
                yield return (answer, question, set.QuotableText(question, answer));
            }
        }
    }
}
