using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Digests;

/// <summary>One subscriber's part of a digest run: their subscription moved on and, when a digest is owed, its outbox row.</summary>
public sealed record DigestWrite(DigestSubscription Subscription, OutboxMessage? Message);

/// <summary>What the weekly digest job reads and writes in bulk.</summary>
public interface IDigestStore
{
    /// <summary>
    /// A workspace's open deliberations and those closed since <paramref name="closedSince"/>, oldest first, each with its
    /// concerns (in number order) and participants: read in a few queries, not three per deliberation.
    /// </summary>
    Task<IReadOnlyList<DigestSource>> ListSourcesAsync(string workspaceId, DateTimeOffset closedSince, CancellationToken ct);

    Task SaveSnapshotAsync(DigestSnapshot snapshot, CancellationToken ct);

    Task<DigestSnapshot?> FindSnapshotAsync(string workspaceId, Guid id, CancellationToken ct);

    /// <summary>
    /// Writes every subscriber's part in one transaction: a digest's outbox row and its subscription's advance are
    /// durable together or not at all. <see cref="CommitOutcome.Duplicate"/> when one of the outbox rows already exists,
    /// and then nothing is written.
    /// </summary>
    Task<CommitOutcome> CommitAsync(IReadOnlyList<DigestWrite> writes, CancellationToken ct);

    /// <summary>Deletes the snapshots taken before <paramref name="takenBefore"/>; returns how many.</summary>
    Task<int> PruneSnapshotsAsync(DateTimeOffset takenBefore, CancellationToken ct);
}
