using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Concerns;

/// <summary>
/// What <see cref="ConcernSync"/> makes concerns from, read without every answer and participant: the concerns so far,
/// the answers that can raise one (flagged, or to a question with a concern rule) and the people who gave them, for
/// their names. Other answers can never become a concern, so <c>status</c>, <c>concerns</c> and closing need not read them.
/// </summary>
public sealed record ConcernSources(IReadOnlyList<Concern> Existing, IReadOnlyList<Answer> Answers, IReadOnlyList<Participant> Raisers)
{
    public static async Task<ConcernSources> ReadAsync(IDeliberationStore store, Deliberation d, FlowDefinition flow, CancellationToken ct)
    {
        var existing = await store.ListConcernsAsync(d.WorkspaceId, d.Id, ct);
        var ruleQuestions = flow.Questions.Where(q => q.ConcernWhen is not null).Select(q => q.Id).ToList();
        var answers = await store.ListConcernAnswersAsync(d.WorkspaceId, d.Id, ruleQuestions, ct);
        var raisers = answers.Count == 0
            ? []
            : await store.ListParticipantsAsync(d.WorkspaceId, d.Id, [.. answers.Select(a => a.ParticipantKey).Distinct(StringComparer.Ordinal)], ct);
        return new ConcernSources(existing, answers, raisers);
    }
}
