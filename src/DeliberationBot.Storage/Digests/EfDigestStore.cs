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

    public Task SaveSnapshotAsync(DigestSnapshot snapshot, CancellationToken ct)
    {
        // Megabytes of JSON are written before taking the writer's turn, so other writes do not wait for them.
        var row = new DigestSnapshotRow { Id = snapshot.Id, WorkspaceId = snapshot.WorkspaceId, TakenAt = snapshot.TakenAt, BodyJson = DigestSnapshotJson.Write(snapshot) };
        return db.WriteAsync(ctx =>
        {
            ctx.DigestSnapshots.Add(row);
            return ctx.SaveChangesAsync(ct);
        }, ct);
    }

    public async Task<DigestSnapshot?> FindSnapshotAsync(string workspaceId, Guid id, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var body = await ctx.DigestSnapshots.AsNoTracking().Where(x => x.Id == id && x.WorkspaceId == workspaceId).Select(x => x.BodyJson).FirstOrDefaultAsync(ct);
        return body is null ? null : DigestSnapshotJson.Read(body); // null too for a body in an earlier form
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

        var traceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } span ? span.Id : null;
        var outbox = writes.Where(w => w.Message is not null).Select(w => w.Message!.ToRow(traceParent)).ToList();
        try
        {
            await db.WriteAsync(async ctx =>
            {
                foreach (var workspace in writes.GroupBy(w => w.Subscription.WorkspaceId))
                {
                    var users = workspace.Select(w => w.Subscription.User.Id).ToList();
                    var rows = await ctx.DigestSubscriptions.Where(x => x.WorkspaceId == workspace.Key && users.Contains(x.UserId)).ToDictionaryAsync(x => x.UserId, ct);
                    foreach (var write in workspace)
                    {
                        write.Subscription.CopyTo(rows.GetValueOrDefault(write.Subscription.User.Id) ?? ctx.DigestSubscriptions.Add(new DigestSubscriptionRow()).Entity);
                    }
                }

                ctx.Outbox.AddRange(outbox);
                await ctx.SaveChangesAsync(ct);
            }, ct);
            return CommitOutcome.Committed;
        }
        catch (DbUpdateException)
        {
            // An outbox key taken already (a digest made by another run), or a subscription row written meanwhile:
            // nothing of the batch was written, and the caller writes it one subscriber at a time.
            return CommitOutcome.Duplicate;
        }
    }

    public Task<int> PruneSnapshotsAsync(DateTimeOffset takenBefore, CancellationToken ct) =>
        db.WriteAsync(ctx => ctx.DigestSnapshots.Where(x => x.TakenAt < takenBefore).ExecuteDeleteAsync(ct), ct);
}
