using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;

namespace DeliberationBot.Core.Digests;

/// <summary>
/// Turns a reader's <see cref="DigestReference"/> into their <see cref="WeeklyDigest"/> just before it is sent: the
/// run's snapshot, what changed since their last digest, and their own page links, signed now so they last their full
/// lifetime from when the reader gets them.
/// </summary>
public sealed class DigestExpander(IDigestStore store, IReportLinkSigner reports) : IOutgoingMessageRefresher
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
            snapshot = await store.FindSnapshotAsync(message.WorkspaceId, reference.SnapshotId, ct)
                ?? throw new InvalidOperationException($"Digest {message.IdempotencyKey} refers to snapshot {reference.SnapshotId}, which is not stored.");
            Volatile.Write(ref _last, snapshot);
        }

        var digest = snapshot.For(reference.Since, reference.Week, reference.Late, reference.WasDueAt, reference.TimeZone);
        return DigestSnapshot.WithLinks(digest, reports, message.WorkspaceId, reader);
    }
}
