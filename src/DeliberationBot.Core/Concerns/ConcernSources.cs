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
        var answers = await ReadAnswersAsync(store, d, flow, ct);
        var raisers = answers.Count == 0
            ? []
            : await store.ListParticipantsAsync(d.WorkspaceId, d.Id, [.. answers.Select(a => a.ParticipantKey).Distinct(StringComparer.Ordinal)], ct);
        return new ConcernSources(existing, answers, raisers);
    }

    /// <summary>The same, for a deliberation whose concerns and participants were read already (the digest reads a workspace's at once).</summary>
    public static async Task<ConcernSources> ReadAsync(
        IDeliberationStore store, Deliberation d, FlowDefinition flow, IReadOnlyList<Concern> existing, IReadOnlyList<Participant> participants, CancellationToken ct)
    {
        var answers = await ReadAnswersAsync(store, d, flow, ct);
        var keys = answers.Select(a => a.ParticipantKey).ToHashSet(StringComparer.Ordinal);
        return new ConcernSources(existing, answers, [.. participants.Where(p => keys.Contains(p.Key))]);
    }

    private static Task<IReadOnlyList<Answer>> ReadAnswersAsync(IDeliberationStore store, Deliberation d, FlowDefinition flow, CancellationToken ct) =>
        store.ListConcernAnswersAsync(d.WorkspaceId, d.Id, [.. flow.Questions.Where(q => q.ConcernWhen is not null).Select(q => q.Id)], ct);
}
