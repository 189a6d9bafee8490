using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;

namespace DeliberationBot.Core.Digests;

/// <summary>
/// In a deliberation still open, concerns are made from its answers (flagged, or meeting a question's rule) only on
/// <c>concerns</c> and on close, so a digest read from the stored concerns alone would tell a leader "0 open concerns"
/// while people had raised several. Before a digest is composed, each open deliberation's concerns are brought up to
/// date as <c>concerns</c> from the facilitator would: stored, and sent to the owners, who so hear of a concern no later
/// than the leaders reading about it.
/// </summary>
public sealed class DigestConcerns(TurnSupport turn, ConcernPublisher publisher)
{
    /// <param name="deliveryKey">The run's key, under which the changes are committed; null to read them only (a preview).</param>
    public async Task<IReadOnlyList<DigestSource>> UpToDateAsync(IReadOnlyList<DigestSource> sources, string? deliveryKey, CancellationToken ct)
    {
        var result = new List<DigestSource>(sources.Count);
        foreach (var source in sources)
        {
            result.Add(source.Deliberation.IsOpen ? await UpToDateAsync(source, deliveryKey, ct) : source);
        }

        return result;
    }

    private async Task<DigestSource> UpToDateAsync(DigestSource source, string? deliveryKey, CancellationToken ct)
    {
        var d = source.Deliberation;
        var flow = await turn.FlowOfAsync(d, ct);
        var read = await ConcernSources.ReadAsync(turn.Store, d, flow, source.Concerns, source.Participants, ct);
        var key = $"{deliveryKey}/{d.Id:N}";
        var changes = publisher.Prepare(d, flow, read, key, summaryAnswers: null);
        if (changes.Concerns.Count == 0)
        {
            return source;
        }

        if (deliveryKey is not null)
        {
            await turn.CommitAsync(new Commit(d.WorkspaceId, key) { Concerns = changes.Concerns, Events = changes.Events, Outbox = changes.Outbox }, ct);
        }

        return source with { Concerns = changes.All };
    }
}
