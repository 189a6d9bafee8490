using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Storage.Deliberations;
using DeliberationBot.Storage.Rows;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Storage.Tests.Outbox;

/// <summary>
/// Owners' notices queued while an earlier one waits for its turn are taken into it, on SQLite and PostgreSQL: only
/// into a notice no sender has been given, never past its size, never twice for a retried delivery, and every
/// concern reaches the owner exactly once, in its words.
/// </summary>
public abstract class GatheredNoticesContract(TestDatabase db) : DatabaseContract
{
    protected override TestDatabase Database => db;

    private const string Ws = "T-AGENCY";
    private static readonly Guid DeliberationId = Guid.Parse("0192f000-0000-7000-8000-00000000d001");

    [SkippableFact]
    public async Task Notices_queued_while_one_waits_are_taken_into_it_until_a_sender_has_had_it()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var outbox = services.Outbox();

        await CommitNoticeAsync(store, 1);
        await CommitNoticeAsync(store, 2);
        Assert.Equal([[1, 2]], await WaitingNumbersAsync(services));

        // Claimed, then put back untried (the workspace had to wait): still nobody has sent any of it.
        var claimed = Assert.Single(await outbox.ClaimDueAsync("instance-a", 10, TimeSpan.FromMinutes(5), default));
        await CommitNoticeAsync(store, 3);
        Assert.Equal([[1, 2], [3]], await WaitingNumbersAsync(services));
        await outbox.PutBackUntriedAsync(claimed.Message.Id, "instance-a", db.Time.GetUtcNow().AddSeconds(1), default);
        await outbox.PutBackUntriedAsync(Assert.Single(await outbox.ClaimDueAsync("instance-a", 10, TimeSpan.FromMinutes(5), default)).Message.Id,
            "instance-a", db.Time.GetUtcNow().AddSeconds(1), default);
        await CommitNoticeAsync(store, 4);
        Assert.Equal([[1, 2], [3, 4]], await WaitingNumbersAsync(services));

        // A sender had it and was asked to wait: it may have posted part of it, so nothing more goes in.
        db.Time.Advance(TimeSpan.FromSeconds(1));
        foreach (var item in await outbox.ClaimDueAsync("instance-a", 10, TimeSpan.FromMinutes(5), default))
        {
            await outbox.MarkDeferredAsync(item.Message.Id, db.Time.GetUtcNow().AddSeconds(1), default);
        }

        await CommitNoticeAsync(store, 5);
        Assert.Equal([[1, 2], [3, 4], [5]], await WaitingNumbersAsync(services));

        // A later state of a concern already waiting replaces it where it stands.
        await CommitNoticeAsync(store, 5, "reopened: the override still needs a supervisor");
        var last = (await WaitingAsync(services))[^1];
        Assert.Equal("reopened: the override still needs a supervisor", Assert.Single(last.Concerns).Text);

        db.Time.Advance(TimeSpan.FromSeconds(1));
        var sender = new RecordingSender();
        await DrainAsync(services, sender);
        Assert.Equal([1, 2, 3, 4, 5], sender.Sent.SelectMany(s => ((OwnerConcerns)s.Message.Message).Concerns).Select(c => c.Number));
        Assert.All(sender.Sent, s => Assert.Equal(1, s.Attempt));
    }

    [SkippableFact]
    public async Task A_retried_delivery_is_not_gathered_twice_and_a_full_notice_takes_no_more()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        for (var n = 1; n <= OwnerConcerns.MaxGathered + 1; n++)
        {
            Assert.Equal(CommitOutcome.Committed, await CommitNoticeAsync(store, n));
        }

        Assert.Equal(CommitOutcome.Duplicate, await CommitNoticeAsync(store, OwnerConcerns.MaxGathered + 1));
        Assert.Equal(CommitOutcome.Duplicate, await CommitNoticeAsync(store, 2));
        Assert.Equal([[.. Enumerable.Range(1, OwnerConcerns.MaxGathered)], [OwnerConcerns.MaxGathered + 1]], await WaitingNumbersAsync(services));
    }

    [SkippableFact]
    public async Task Only_the_instance_holding_a_notice_can_put_it_back_untried()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var outbox = services.Outbox();
        await CommitNoticeAsync(services.Store(), 1);
        var lease = TimeSpan.FromMinutes(5);
        var first = Assert.Single(await outbox.ClaimDueAsync("instance-that-stalled", 10, lease, default));
        db.Time.Advance(lease + TimeSpan.FromSeconds(1));
        Assert.Single(await outbox.ClaimDueAsync("instance-b", 10, lease, default));

        // The stalled instance wakes after its lease: the notice is instance-b's now, and stays out of reach of gathering.
        await outbox.PutBackUntriedAsync(first.Message.Id, "instance-that-stalled", db.Time.GetUtcNow(), default);
        await CommitNoticeAsync(services.Store(), 2);
        Assert.Equal([[1], [2]], await WaitingNumbersAsync(services));
    }

    [SkippableFact]
    public async Task Notices_committed_side_by_side_reach_the_owner_each_concern_once()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        await Task.WhenAll(Enumerable.Range(1, 30).Select(n => Task.Run(() => CommitNoticeAsync(store, n))));

        var sender = new RecordingSender();
        await DrainAsync(services, sender);
        var sent = sender.Sent.Select(s => (OwnerConcerns)s.Message.Message).ToList();
        Assert.Equal(Enumerable.Range(1, 30), sent.SelectMany(n => n.Concerns).Select(c => c.Number).Order());
        Assert.All(sent, n => Assert.InRange(n.Concerns.Count, 1, OwnerConcerns.MaxGathered));
        Assert.All(sent.SelectMany(n => n.Concerns), c => Assert.Equal(Words(c.Number), c.Text));
    }

    private static string Words(int number) => $"Concern {number}: the score adds ten minutes of data entry per case.";

    private Task<CommitOutcome> CommitNoticeAsync(IDeliberationStore store, int number, string? words = null)
    {
        db.Time.Advance(TimeSpan.FromMilliseconds(1)); // queued in order, as a person's concerns are
        var at = db.Time.GetUtcNow();
        var view = new ConcernView(
            Guid.CreateVersion7(at), number, ConcernKind.Concern, "Work", words ?? Words(number), [StakeholderGroup.FrontlineWorker], 1, ConcernStatus.Open, null, null, null,
            [ConcernAction.Acknowledge, ConcernAction.Respond]);
        var key = $"concern-{number}{(words is null ? "" : "-again")}";
        var notice = new OutboxMessage(
            Guid.CreateVersion7(at), Ws, key + "/owner/U-MARIA", Destination.PrivatelyTo(Samples.Channel(Ws), new UserRef("U-MARIA", "Maria")),
            new OwnerConcerns(DeliberationId, "Predictive screening for hotline calls", [view]), at)
        {
            GatherKey = $"owner-concerns/{DeliberationId:N}/U-MARIA",
        };
        return store.CommitAsync(new Commit(Ws, key) { Outbox = [notice] }, default);
    }

    /// <summary>The notices waiting to be sent, oldest first.</summary>
    private static async Task<List<OwnerConcerns>> WaitingAsync(ServiceProvider services)
    {
        await using var ctx = services.GetRequiredService<DbFactory>().Create();
        var rows = await ctx.Outbox.AsNoTracking().Where(r => r.Status == OutboxStatus.Pending).ToListAsync();
        return [.. rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => (OwnerConcerns)r.ToRecord().Message)];
    }

    private static async Task<List<List<int>>> WaitingNumbersAsync(ServiceProvider services) =>
        [.. (await WaitingAsync(services)).Select(n => n.Concerns.Select(c => c.Number).ToList())];

    private async Task DrainAsync(ServiceProvider services, RecordingSender sender)
    {
        var dispatcher = Dispatchers.For(services, sender, db.Time);
        while (await dispatcher.DispatchDueAsync(default) > 0)
        {
        }
    }
}

public sealed class SqliteGatheredNoticesTests() : GatheredNoticesContract(new SqliteTestDatabase());

public sealed class PostgresGatheredNoticesTests() : GatheredNoticesContract(new PostgresTestDatabase());
