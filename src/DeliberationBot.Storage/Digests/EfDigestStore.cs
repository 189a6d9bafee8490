using System.Diagnostics;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Storage.Deliberations;
using DeliberationBot.Storage.Rows;
using Microsoft.EntityFrameworkCore;

namespace DeliberationBot.Storage.Digests;

/// <summary>The digest job's reads and writes in bulk: a workspace in three queries, a batch of subscribers in one transaction.</summary>
internal sealed class EfDigestStore(DbFactory db) : IDigestStore
{
    public async Task<IReadOnlyList<DigestSource>> ListSourcesAsync(string workspaceId, DateTimeOffset closedSince, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var open = DeliberationStatus.Open.ToString();
        var chosen = ctx.Deliberations.AsNoTracking().Where(x => x.WorkspaceId == workspaceId && (x.Status == open || x.ClosedAt >= closedSince));
        var ids = chosen.Select(x => x.Id);
        var deliberations = await chosen.OrderBy(x => x.CreatedAt).ToListAsync(ct);
        var concerns = (await ctx.Concerns.AsNoTracking()
                .Where(x => x.WorkspaceId == workspaceId && ids.Contains(x.DeliberationId))
                .OrderBy(x => x.DeliberationId).ThenBy(x => x.Number)
                .ToListAsync(ct))
            .ToLookup(x => x.DeliberationId, x => x.ToRecord());
        var participants = (await ctx.Participants.AsNoTracking()
                .Where(x => x.WorkspaceId == workspaceId && ids.Contains(x.DeliberationId))
                .OrderBy(x => x.DeliberationId).ThenBy(x => x.JoinedAt).ThenBy(x => x.Key)
                .ToListAsync(ct))
            .ToLookup(x => x.DeliberationId, x => x.ToRecord());
        return [.. deliberations.Select(d => new DigestSource(d.ToRecord(), [.. concerns[d.Id]], [.. participants[d.Id]]))];
    }

    public async Task SaveSnapshotAsync(DigestSnapshot snapshot, CancellationToken ct)
    {
        await using var ctx = db.Create();
        ctx.DigestSnapshots.Add(new DigestSnapshotRow { Id = snapshot.Id, WorkspaceId = snapshot.WorkspaceId, TakenAt = snapshot.TakenAt, BodyJson = DigestSnapshotJson.Write(snapshot) });
        await ctx.SaveChangesAsync(ct);
    }

    public async Task<DigestSnapshot?> FindSnapshotAsync(string workspaceId, Guid id, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var body = await ctx.DigestSnapshots.AsNoTracking().Where(x => x.Id == id && x.WorkspaceId == workspaceId).Select(x => x.BodyJson).FirstOrDefaultAsync(ct);
        return body is null ? null : DigestSnapshotJson.Read(body);
    }

    public async Task<CommitOutcome> CommitAsync(IReadOnlyList<DigestWrite> writes, CancellationToken ct)
    {
        foreach (var write in writes)
        {
            if (write.Message is { } m && m.WorkspaceId != write.Subscription.WorkspaceId)
            {
                throw new InvalidOperationException($"A digest for workspace {write.Subscription.WorkspaceId} was queued in workspace {m.WorkspaceId}.");
            }
        }

        try
        {
            await using var ctx = db.Create();
            await using var tx = await ctx.Database.BeginTransactionAsync(ct);
            foreach (var workspace in writes.GroupBy(w => w.Subscription.WorkspaceId))
            {
                var users = workspace.Select(w => w.Subscription.User.Id).ToList();
                var rows = await ctx.DigestSubscriptions.Where(x => x.WorkspaceId == workspace.Key && users.Contains(x.UserId)).ToDictionaryAsync(x => x.UserId, ct);
                foreach (var write in workspace)
                {
                    write.Subscription.CopyTo(rows.GetValueOrDefault(write.Subscription.User.Id) ?? ctx.DigestSubscriptions.Add(new DigestSubscriptionRow()).Entity);
                }
            }

            var traceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } span ? span.Id : null;
            ctx.Outbox.AddRange(writes.Where(w => w.Message is not null).Select(w => w.Message!.ToRow(traceParent)));
            await ctx.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return CommitOutcome.Committed;
        }
        catch (DbUpdateException)
        {
            // An outbox key taken already (a digest made by another run), or a subscription row written meanwhile:
            // nothing of the batch was written, and the caller writes it one subscriber at a time.
            return CommitOutcome.Duplicate;
        }
    }

    public async Task<int> PruneSnapshotsAsync(DateTimeOffset takenBefore, CancellationToken ct)
    {
        await using var ctx = db.Create();
        return await ctx.DigestSnapshots.Where(x => x.TakenAt < takenBefore).ExecuteDeleteAsync(ct);
    }
}
