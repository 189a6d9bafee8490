using DeliberationBot.Core.Channels;
using DeliberationBot.Storage.Rows;
using Microsoft.EntityFrameworkCore;

namespace DeliberationBot.Storage.Channels;

internal sealed class EfChannelStateStore(DbFactory db, TimeProvider time) : IChannelStateStore
{
    public async Task SaveAsync(ChannelStateKey key, string json, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.WriteAsync(
                    async ctx =>
                    {
                        var row = await db.Queries.ChannelStateToUpdate(ctx, key.Channel, key.WorkspaceId, key.Kind, key.Key, ct)
                            ?? ctx.ChannelState.Add(new ChannelStateRow { Channel = key.Channel, WorkspaceId = key.WorkspaceId, Kind = key.Kind, Key = key.Key }).Entity;
                        row.Json = json;
                        row.UpdatedAt = time.GetUtcNow();
                        await ctx.SaveChangesAsync(ct);
                    },
                    ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two deliveries saved the same key at once; the next attempt updates the winner's row.
            }
        }
    }

    public async Task<string?> FindAsync(ChannelStateKey key, CancellationToken ct)
    {
        await using var ctx = db.Create();
        return await db.Queries.ChannelState(ctx, key.Channel, key.WorkspaceId, key.Kind, key.Key, ct);
    }

    public Task DeleteAsync(ChannelStateKey key, CancellationToken ct) =>
        db.WriteAsync(ctx => Find(ctx, key).ExecuteDeleteAsync(ct), ct);

    private static IQueryable<ChannelStateRow> Find(DeliberationsDbContext ctx, ChannelStateKey key) =>
        ctx.ChannelState.Where(x => x.Channel == key.Channel && x.WorkspaceId == key.WorkspaceId && x.Kind == key.Kind && x.Key == key.Key);
}
