using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Digests;

/// <summary>
/// Reads what a workspace's digest is composed from, as leaders must read it.
/// <para>
/// In a deliberation still open, concerns are made from its answers (flagged, or meeting a question's concern rule)
/// on <c>concerns</c>, on close and once a day (<see cref="ConcernRoundup"/>), so a digest read from the stored
/// concerns alone could tell a leader "0 open concerns" while people had raised several. Each open deliberation's
/// concerns are first brought up to date: stored, and sent to the owners, who so never hear of a concern after the
/// leaders do.
/// </para>
/// <para>Each source carries its flow, so that a concern is read with the question it is about (<see cref="DigestComposer.WordsOf"/>).</para>
/// </summary>
public sealed class DigestSourceReader(TurnSupport turn, IDigestStore digests, ConcernPublisher concerns)
{
    /// <summary>How far back closed deliberations are read: their concerns can stay open long after.</summary>
    public static readonly TimeSpan ClosedWithin = TimeSpan.FromDays(180);

    /// <param name="deliveryKey">The run's key, under which concerns brought up to date are committed; null to read them only (a preview).</param>
    public async Task<IReadOnlyList<DigestSource>> ReadAsync(string workspaceId, DateTimeOffset now, string? deliveryKey, CancellationToken ct)
    {
        var sources = await digests.ListSourcesAsync(workspaceId, now - ClosedWithin, ct);
        var result = new List<DigestSource>(sources.Count);
        foreach (var source in sources)
        {
            var flow = await turn.FlowOfAsync(source.Deliberation, ct);
            var concernsNow = source.Deliberation.IsOpen ? await UpToDateAsync(source, flow, deliveryKey, ct) : source.Concerns;
            result.Add(source with { Concerns = concernsNow, Flow = flow });
        }

        return result;
    }

    private async Task<IReadOnlyList<Concern>> UpToDateAsync(DigestSource source, FlowDefinition flow, string? deliveryKey, CancellationToken ct)
    {
        var d = source.Deliberation;
        var read = await ConcernSources.ReadAsync(turn.Store, d, flow, source.Concerns, source.Participants, ct);
        return await concerns.PublishAsync(d, flow, read, deliveryKey is null ? null : $"{deliveryKey}/{d.Id:N}", ct);
    }
}
