using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Concerns;

/// <summary>
/// What <see cref="ConcernSync"/> makes concerns from, read without every answer and participant: the concerns so far,
/// the answers that can raise one (flagged, or to a question with a concern rule), the answers to follow-ups, which stand
/// beside the answer they follow, and the people who gave them, for their names. Other answers can never be in a concern,
/// so <c>status</c>, <c>concerns</c> and closing need not read them.
/// </summary>
public sealed record ConcernSources(IReadOnlyList<Concern> Existing, IReadOnlyList<Answer> Answers, IReadOnlyList<Participant> Raisers)
{
    public static async Task<ConcernSources> ReadAsync(IDeliberationStore store, Deliberation d, FlowDefinition flow, CancellationToken ct)
    {
        var existing = await store.ListConcernsAsync(d.WorkspaceId, d.Id, ct);
        var answers = await ReadAnswersAsync(store, d, flow, existing, ct);
        var raisers = answers.Count == 0
            ? []
            : await store.ListParticipantsAsync(d.WorkspaceId, d.Id, [.. answers.Select(a => a.ParticipantKey).Distinct(StringComparer.Ordinal)], ct);
        return new ConcernSources(existing, answers, raisers);
    }

    /// <summary>The same, for a deliberation whose concerns and participants were read already (the digest reads a workspace's at once).</summary>
    public static async Task<ConcernSources> ReadAsync(
        IDeliberationStore store, Deliberation d, FlowDefinition flow, IReadOnlyList<Concern> existing, IReadOnlyList<Participant> participants, CancellationToken ct)
    {
        var answers = await ReadAnswersAsync(store, d, flow, existing, ct);
        var keys = answers.Select(a => a.ParticipantKey).ToHashSet(StringComparer.Ordinal);
        return new ConcernSources(existing, answers, [.. participants.Where(p => keys.Contains(p.Key))]);
    }

    /// <summary>
    /// The answers that can raise a concern, and the answers behind voices that no longer can (unflagged, to a question
    /// without a rule), so that a voice says what became of its answer (<see cref="LaterAnswers"/>). Those are rare: the
    /// few people who took a flag off are read one by one.
    /// </summary>
    private static async Task<IReadOnlyList<Answer>> ReadAnswersAsync(IDeliberationStore store, Deliberation d, FlowDefinition flow, IReadOnlyList<Concern> existing, CancellationToken ct)
    {
        // Answers to follow-ups stand beside the answer they follow in its concern, flagged or not.
        var answers = await store.ListConcernAnswersAsync(d.WorkspaceId, d.Id, [.. flow.Questions.Where(q => q.ConcernWhen is not null || flow.IsFollowUp(q)).Select(q => q.Id)], ct);
        var read = answers.Select(a => (a.ParticipantKey, a.QuestionId)).ToHashSet();
        var unread = existing
            .Where(c => !c.IsMerged)
            .SelectMany(c => c.Voices)
            .Where(v => LaterAnswers.Follows(v) && flow.FindQuestion(v.QuestionId!) is not null && !read.Contains((v.RaiserKey, v.QuestionId!)))
            .ToList();
        if (unread.Count == 0)
        {
            return answers;
        }

        var more = new List<Answer>(answers);
        foreach (var person in unread.Select(v => v.RaiserKey).Distinct(StringComparer.Ordinal))
        {
            more.AddRange((await store.ListAnswersOfAsync(d.WorkspaceId, d.Id, person, ct)).Where(a => a.ParticipantKey == person && !read.Contains((person, a.QuestionId))));
        }

        return more;
    }
}
