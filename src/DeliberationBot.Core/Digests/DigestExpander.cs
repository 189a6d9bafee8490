using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Core.Digests;

/// <summary>
/// Turns a reader's <see cref="DigestReference"/> into their <see cref="WeeklyDigest"/> just before it is sent: the
/// run's snapshot, what changed since their last digest, and their own page links, signed now so they last their full
/// lifetime from when the reader gets them.
/// </summary>
public sealed class DigestExpander(IDigestStore store, IReportLinkSigner reports, IOptions<DigestOptions> options, TimeProvider time) : IOutgoingMessageRefresher
{
    // Every reader of a run refers to the same snapshot: keep the last one read rather than reading it once per reader.
    private DigestSnapshot? _last;

    public async Task<OutgoingMessage> RefreshAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.Message is not DigestReference reference)
        {
            return message.Message;
        }

        var reader = message.Destination.User ?? throw new InvalidOperationException($"Digest {message.IdempotencyKey} has no reader.");
        var snapshot = Volatile.Read(ref _last);
        if (snapshot is null || snapshot.Id != reference.SnapshotId || snapshot.WorkspaceId != message.WorkspaceId)
        {
            snapshot = await store.FindSnapshotAsync(message.WorkspaceId, reference.SnapshotId, ct) ?? await RecomposeAsync(message.WorkspaceId, reference.SnapshotId, ct);
            Volatile.Write(ref _last, snapshot);
        }

        var digest = snapshot.For(reference.Since, reference.Week, reference.Late, reference.WasDueAt, reference.TimeZone);
        return DigestSnapshot.WithLinks(digest, reports, message.WorkspaceId, reader);
    }

    /// <summary>
    /// A digest still unsent when its snapshot was pruned (weeks of failed delivery, then a retry) is not lost: it is
    /// composed from the record as it is now.
    /// </summary>
    private async Task<DigestSnapshot> RecomposeAsync(string workspaceId, Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return DigestComposer.Snapshot(id, workspaceId, await store.ListSourcesAsync(workspaceId, now.AddDays(-180), ct), now, options.Value.StaleAfterDays);
    }
}
