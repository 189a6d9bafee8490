using DeliberationBot.Core.Deliberations;
using Microsoft.EntityFrameworkCore;

namespace DeliberationBot.Storage.Deliberations;

/// <summary>The deliberation store: how concerns are numbered (#1, #2, …) within a deliberation.</summary>
internal sealed partial class EfDeliberationStore
{
    /// <summary>
    /// The number a new concern of the deliberation takes, read in the commit's own write: one more than the highest so
    /// far, merged ones included. SQLite's writes take turns, so no other can number between this read and its commit;
    /// on PostgreSQL, where they run side by side, a lock on the deliberation's numbering (a transaction-scoped advisory
    /// lock, which blocks nothing else) makes the ones numbering the same deliberation take turns.
    /// </summary>
    private async Task<int> NextConcernNumberAsync(DeliberationsDbContext ctx, string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        if (db.Provider == StorageProvider.Postgres)
        {
            await ctx.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({NumberingLock(deliberationId)})", ct);
        }

        return (await db.Queries.HighestConcernNumber(ctx, workspaceId, deliberationId, ct) ?? 0) + 1;
    }

    /// <summary>The advisory lock key of a deliberation's numbering: the last eight bytes of its id, random in a version 4 or 7 id.</summary>
    private static long NumberingLock(Guid deliberationId)
    {
        Span<byte> bytes = stackalloc byte[16];
        deliberationId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[8..]);
    }

    /// <summary>The number of a new concern in the commit that another concern of its deliberation already has, if any.</summary>
    private async Task<int?> NumberTakenAsync(Commit commit, CancellationToken ct)
    {
        if (commit.Concerns.Count == 0)
        {
            return null;
        }

        await using var ctx = db.Create();
        var ws = commit.WorkspaceId;
        foreach (var concern in commit.Concerns)
        {
            if (await ctx.Concerns.AnyAsync(x => x.WorkspaceId == ws && x.DeliberationId == concern.DeliberationId && x.Number == concern.Number && x.Id != concern.Id, ct))
            {
                return concern.Number;
            }
        }

        return null;
    }
}
