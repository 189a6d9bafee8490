using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Telemetry;
using DeliberationBot.Storage.Rows;
using Microsoft.EntityFrameworkCore;

namespace DeliberationBot.Storage.Telemetry;

internal sealed class EfOperationalReadings(DbFactory db, TimeProvider time) : IOperationalReadings
{
    private static readonly string[] Settled = [nameof(ConcernStatus.Resolved), nameof(ConcernStatus.ClosedByFacilitator)];

    public async Task<OperationalReading> ReadAsync(CancellationToken ct)
    {
        await using var ctx = db.Create();
        var pending = ctx.Outbox.AsNoTracking().Where(x => x.Status == OutboxStatus.Pending);
        var depth = await pending.LongCountAsync(ct);
        var oldest = await pending.OrderBy(x => x.CreatedAt).Select(x => (DateTimeOffset?)x.CreatedAt).FirstOrDefaultAsync(ct);
        var open = await ctx.Concerns.AsNoTracking().LongCountAsync(c => !Settled.Contains(c.Status), ct);
        var age = oldest is { } at ? time.GetUtcNow() - at : TimeSpan.Zero;
        return new OperationalReading(depth, age < TimeSpan.Zero ? TimeSpan.Zero : age, open);
    }
}
