using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Scheduling;
using DeliberationBot.Storage.Deliberations;
using DeliberationBot.Storage.Rows;
using Microsoft.EntityFrameworkCore;

namespace DeliberationBot.Storage.Scheduling;

internal sealed class EfScheduleStore(DbFactory db, TimeProvider time) : IScheduleStore
{
    public async Task<DigestSubscription?> FindSubscriptionAsync(string workspaceId, string userId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await ctx.DigestSubscriptions.AsNoTracking().FirstOrDefaultAsync(x => x.WorkspaceId == workspaceId && x.UserId == userId, ct);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<DigestSubscription>> ListDueSubscriptionsAsync(DateTimeOffset now, int max, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await ctx.DigestSubscriptions.AsNoTracking()
            .Where(x => x.Active && x.NextDueAt <= now)
            .OrderBy(x => x.NextDueAt)
            .Take(max)
            .ToListAsync(ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyList<Deliberation>> ListOpenDeliberationsAsync(CancellationToken ct)
    {
        await using var ctx = db.Create();
        var open = DeliberationStatus.Open.ToString();
        var rows = await ctx.Deliberations.AsNoTracking().Where(x => x.Status == open).OrderBy(x => x.CreatedAt).ToListAsync(ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    /// <summary>
    /// A conditional update takes an expired or own lease atomically on every provider; a missing row is inserted, and
    /// losing that insert race to another instance simply means not holding the lease.
    /// </summary>
    public async Task<bool> TryAcquireLeaseAsync(string job, string holder, TimeSpan lease, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = now + lease;
        var taken = await db.WriteAsync(
            ctx => ctx.JobLeases
                .Where(x => x.Name == job && (x.LeaseUntil < now || x.Holder == holder))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Holder, holder).SetProperty(x => x.LeaseUntil, until), ct),
            ct);
        if (taken == 1)
        {
            return true;
        }

        await using (var ctx = db.Create())
        {
            if (await ctx.JobLeases.AnyAsync(x => x.Name == job, ct))
            {
                return false;
            }
        }

        try
        {
            await db.WriteAsync(
                ctx =>
                {
                    ctx.JobLeases.Add(new JobLeaseRow { Name = job, Holder = holder, LeaseUntil = until });
                    return ctx.SaveChangesAsync(ct);
                },
                ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    public Task ReleaseLeaseAsync(string job, string holder, CancellationToken ct)
    {
        var past = DateTimeOffset.UnixEpoch;
        return db.WriteAsync(
            ctx => ctx.JobLeases.Where(x => x.Name == job && x.Holder == holder).ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseUntil, past), ct),
            ct);
    }
}
