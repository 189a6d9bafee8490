using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Core.Digests;

/// <summary>
/// Turns a reader's <see cref="DigestReference"/> into their <see cref="WeeklyDigest"/> just before it is sent: the
/// run's snapshot, what changed since their last digest, only the deliberations they may read
/// (<see cref="DigestAudience"/>), and their own page links, signed now so they last their full lifetime from when the
/// reader gets them.
/// </summary>
public sealed class DigestExpander(IDigestStore store, DigestSourceReader sources, DigestAudience audience, IReportLinkSigner reports, IOptions<DigestOptions> options, TimeProvider time) : IOutgoingMessageRefresher
{
    // Every reader of a run refers to the same snapshot, and the outbox sends several conversations at once: they share
    // one read of the last snapshot asked for rather than reading megabytes once per reader.
    private readonly Lock _gate = new();
    private (string WorkspaceId, Guid Id, Task<DigestSnapshot> Read)? _last;

    public async Task<OutgoingMessage> RefreshAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.Message is not DigestReference reference)
        {
            return message.Message;
        }

        var reader = message.Destination.User ?? throw new InvalidOperationException($"Digest {message.IdempotencyKey} has no reader.");
        var snapshot = await SnapshotAsync(message.WorkspaceId, reference.SnapshotId, ct);
        var digest = snapshot.For(reference.Since, reference.Week, reference.Late, reference.WasDueAt, reference.TimeZone);
        var theirs = await audience.ForReaderAsync(digest, snapshot.Homes!, reader, ct);
        return DigestSnapshot.WithLinks(theirs, reports, message.WorkspaceId, reader);
    }

    private Task<DigestSnapshot> SnapshotAsync(string workspaceId, Guid id, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_last is { } last && last.Id == id && last.WorkspaceId == workspaceId && !last.Read.IsFaulted && !last.Read.IsCanceled)
            {
                return last.Read;
            }

            var read = ReadAsync(workspaceId, id, ct);
            _last = (workspaceId, id, read);
            return read;
        }
    }

    // A snapshot stored before it kept where each deliberation is held cannot tell who may read it: composed again.
    private async Task<DigestSnapshot> ReadAsync(string workspaceId, Guid id, CancellationToken ct) =>
        await store.FindSnapshotAsync(workspaceId, id, ct) is { Homes: not null } stored ? stored : await RecomposeAsync(workspaceId, id, ct);

    /// <summary>
    /// A digest still unsent when its snapshot was pruned (weeks of failed delivery, then a retry) is not lost: it is
    /// composed from the record as it is now (read only: sending a digest changes no concern).
    /// </summary>
    private async Task<DigestSnapshot> RecomposeAsync(string workspaceId, Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return DigestComposer.Snapshot(id, workspaceId, await sources.ReadAsync(workspaceId, now, deliveryKey: null, ct), now, options.Value.StaleAfterDays);
    }
}
