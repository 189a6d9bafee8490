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
/// An owner's notice queued while another waits unsent goes into it, and one claimed for sending takes in the later ones
/// still waiting, on SQLite and PostgreSQL: only notices no sender has had, never past its size, and every concern
/// reaches the owner exactly once, in its words.
/// </summary>
public abstract class GatheredNoticesContract(TestDatabase db) : DatabaseContract
{
    protected override TestDatabase Database => db;

    protected const string Ws = "T-AGENCY";
    private static readonly Guid DeliberationId = Guid.Parse("0192f000-0000-7000-8000-00000000d001");

    [SkippableFact]
    public async Task A_notice_committed_without_a_delivery_key_is_a_row_of_its_own()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        await CommitNoticeAsync(services.Store(), 1);
        await CommitNoticeAsync(services.Store(), 2, deliveryKey: false);

        // Such a commit is known to have been made by its messages' keys, so each keeps its row until a claim gathers it.
        Assert.Equal([[1], [2]], await PendingNumbersAsync(services));
        var sender = new RecordingSender();
        await DrainAsync(services, sender);
        Assert.Equal([[1, 2]], sender.Sent.Select(Numbers));
    }

    [SkippableFact]
    public async Task A_full_notice_takes_in_no_more_and_the_rest_go_in_the_next()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        for (var n = 1; n <= OwnerConcerns.MaxGathered + 3; n++)
        {
            await CommitNoticeAsync(services.Store(), n);
        }

        var sender = new RecordingSender();
        await DrainAsync(services, sender);
        Assert.Equal([[.. Enumerable.Range(1, OwnerConcerns.MaxGathered)], [.. Enumerable.Range(OwnerConcerns.MaxGathered + 1, 3)]], sender.Sent.Select(Numbers));
        Assert.Empty(await PendingNumbersAsync(services));
    }

    [SkippableFact]
    public async Task Notices_queued_at_the_same_instant_are_each_claimed_once()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var full = OwnerConcerns.MaxGathered;
        await CommitNoticeAsync(services.Store(), 1, count: full, advance: false);
        await CommitNoticeAsync(services.Store(), full + 1, advance: false);
        await CommitNoticeAsync(services.Store(), full + 2, advance: false);

        // Which of them the claim reads first is up to the database; none may be both claimed and taken into another.
        var claimed = await services.Outbox().ClaimDueAsync("instance-a", 10, TimeSpan.FromMinutes(5), default);
        Assert.Equal(Enumerable.Range(1, full + 2), claimed.SelectMany(Numbers).Order());
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

        // The stalled instance wakes after its lease: the notice is instance-b's now, and takes in nothing.
        await outbox.PutBackUntriedAsync(first.Message.Id, "instance-that-stalled", db.Time.GetUtcNow(), default);
        await CommitNoticeAsync(services.Store(), 2);
        db.Time.Advance(lease + TimeSpan.FromSeconds(1));
        Assert.Equal([[1], [2]], (await outbox.ClaimDueAsync("instance-c", 10, lease, default)).Select(Numbers));
    }

    [SkippableFact]
    public async Task Notices_committed_and_claimed_side_by_side_reach_the_owner_each_concern_once_in_its_words()
    {
        SkipIfUnavailable();
        await using var a = await db.StartServicesAsync();
        await using var b = await db.StartServicesAsync();
        var sender = new RecordingSender();
        var committing = Enumerable.Range(1, 40).Select(n => Task.Run(() => CommitNoticeAsync((n % 2 == 0 ? a : b).Store(), n)));
        var draining = new[] { a, b, a }.Select(services => Task.Run(async () =>
        {
            var dispatcher = Dispatchers.For(services, sender, db.Time);
            for (var pass = 0; pass < 20; pass++)
            {
                await dispatcher.DispatchDueAsync(default);
            }
        }));
        await Task.WhenAll(committing.Concat(draining));
        await DrainAsync(a, sender);

        var sent = sender.Sent.Select(s => (OwnerConcerns)s.Message.Message).ToList();
        Assert.Equal(Enumerable.Range(1, 40), sent.SelectMany(n => n.Concerns).Select(c => c.Number).Order());
        Assert.All(sent, n => Assert.InRange(n.Concerns.Count, 1, OwnerConcerns.MaxGathered));
        Assert.All(sent.SelectMany(n => n.Concerns), c => Assert.Equal(Words(c.Number), c.Text));
    }

    protected static List<int> Numbers(OutboxItem item) => [.. ((OwnerConcerns)item.Message.Message).Concerns.Select(c => c.Number)];

    protected static string Words(int number) => $"Concern {number}: the score adds ten minutes of data entry per case.";

    protected Task<CommitOutcome> CommitNoticeAsync(IDeliberationStore store, int number, string? words = null, bool advance = true, int count = 1, bool deliveryKey = true)
    {
        DateTimeOffset at;
        lock (db.Time)
        {
            if (advance)
            {
                db.Time.Advance(TimeSpan.FromMilliseconds(1)); // queued in order, as a person's concerns are
            }

            at = db.Time.GetUtcNow();
        }

        var views = Enumerable.Range(number, count).Select(n => new ConcernView(
            Guid.CreateVersion7(at), n, ConcernKind.Concern, "Work", words ?? Words(n), [StakeholderGroup.FrontlineWorker], 1, ConcernStatus.Open, null, null, null,
            [ConcernAction.Acknowledge, ConcernAction.Respond])).ToList();
        var key = $"concern-{number}{(words is null ? "" : "-again")}";
        var notice = new OutboxMessage(
            Guid.CreateVersion7(at), Ws, key + "/owner/U-MARIA", Destination.PrivatelyTo(Samples.Channel(Ws), new UserRef("U-MARIA", "Maria")),
            new OwnerConcerns(DeliberationId, "Predictive screening for hotline calls", views), at)
        {
            GatherKey = $"owner-concerns/{DeliberationId:N}/U-MARIA",
        };
        return store.CommitAsync(new Commit(Ws, deliveryKey ? key : null) { Outbox = [notice] }, default);
    }

    /// <summary>The notices waiting to be sent or being sent, oldest first, by their concerns' numbers.</summary>
    protected static async Task<List<List<int>>> PendingNumbersAsync(ServiceProvider services)
    {
        await using var ctx = services.GetRequiredService<DbFactory>().Create();
        var rows = await ctx.Outbox.AsNoTracking().Where(r => r.Status == OutboxStatus.Pending).ToListAsync();
        return [.. rows.OrderBy(r => r.CreatedAt).Select(r => ((OwnerConcerns)r.ToRecord().Message).Concerns.Select(c => c.Number).ToList())];
    }

    protected async Task DrainAsync(ServiceProvider services, RecordingSender sender)
    {
        var dispatcher = Dispatchers.For(services, sender, db.Time);
        while (await dispatcher.DispatchDueAsync(default) > 0)
        {
        }
    }
}

/// <summary>On SQLite a notice goes into the one waiting as it is committed (EfDeliberationStore).</summary>
public sealed class SqliteGatheredNoticesTests() : GatheredNoticesContract(new SqliteTestDatabase())
{
    [SkippableFact]
    public async Task A_notice_goes_into_the_one_waiting_and_a_notice_claimed_takes_in_the_later_ones_no_sender_has_had()
    {
        SkipIfUnavailable();
        await using var services = await Database.StartServicesAsync();
        var store = services.Store();
        var outbox = services.Outbox();
        var lease = TimeSpan.FromMinutes(5);

        // Queued while the first waits, unsent: they go into it as they are committed.
        await CommitNoticeAsync(store, 1);
        await CommitNoticeAsync(store, 2);
        await CommitNoticeAsync(store, 3);
        Assert.Equal([[1, 2, 3]], await PendingNumbersAsync(services));
        var first = Assert.Single(await outbox.ClaimDueAsync("instance-a", 10, lease, default));
        Assert.Equal([1, 2, 3], Numbers(first));

        // In a sender's hands it takes in nothing: the next notice is a row of its own, and the one after goes into that.
        await CommitNoticeAsync(store, 4);
        Assert.Equal([[1, 2, 3], [4]], await PendingNumbersAsync(services));

        // Put back untried (its workspace had to wait): still nobody has sent any of it.
        await outbox.PutBackUntriedAsync(first.Message.Id, "instance-a", Database.Time.GetUtcNow().AddSeconds(1), default);
        await CommitNoticeAsync(store, 5);
        Assert.Equal([[1, 2, 3], [4, 5]], await PendingNumbersAsync(services));
        var second = Assert.Single(await outbox.ClaimDueAsync("instance-a", 10, lease, default)); // the first is not due yet
        Assert.Equal([4, 5], Numbers(second));
        await outbox.PutBackUntriedAsync(first.Message.Id, "instance-a", Database.Time.GetUtcNow().AddSeconds(1), default); // no longer a's: nothing happens
        Database.Time.Advance(TimeSpan.FromSeconds(1));
        await CommitNoticeAsync(store, 4, "reopened: the override still needs a supervisor");
        await CommitNoticeAsync(store, 6);

        // The first, claimed again, takes in the notice queued after it that no sender has had: 4's later state and 6.
        // Notice 4 + 5 is in a's hands: it is neither taken in nor takes anything in.
        var claimed = await outbox.ClaimDueAsync("instance-a", 10, lease, default);
        Assert.Equal([[1, 2, 3, 4, 6]], claimed.Select(Numbers));
        var gathered = (OwnerConcerns)claimed[0].Message.Message;
        Assert.Equal("reopened: the override still needs a supervisor", gathered.Concerns[3].Text);
        Assert.Equal(Words(6), gathered.Concerns[4].Text);

        // A sender had it and was asked to wait: it may have posted part of it, so it takes in nothing more.
        await outbox.MarkDeferredAsync(claimed[0].Message.Id, Database.Time.GetUtcNow().AddSeconds(1), default);
        await CommitNoticeAsync(store, 7);
        Database.Time.Advance(TimeSpan.FromMinutes(6));
        var sender = new RecordingSender();
        await DrainAsync(services, sender);
        Assert.Equal([[1, 2, 3, 4, 6], [4, 5], [7]], sender.Sent.Select(Numbers));
    }

    [SkippableFact]
    public async Task A_notice_queued_behind_one_that_must_wait_waits_as_long_and_takes_in_the_ones_after_it()
    {
        SkipIfUnavailable();
        await using var services = await Database.StartServicesAsync();
        var outbox = services.Outbox();
        await CommitNoticeAsync(services.Store(), 1);
        var first = Assert.Single(await outbox.ClaimDueAsync("instance-a", 10, TimeSpan.FromMinutes(5), default));
        var turn = Database.Time.GetUtcNow().AddSeconds(30);
        await outbox.MarkDeferredAsync(first.Message.Id, turn, default); // a sender had it, and the platform asked it to wait

        // The next notice cannot go before the first: it is not claimed only to be put back, so the ones after go into it.
        await CommitNoticeAsync(services.Store(), 2);
        await CommitNoticeAsync(services.Store(), 3);
        Assert.Empty(await outbox.ClaimDueAsync("instance-a", 10, TimeSpan.FromMinutes(5), default));
        Assert.Equal([[1], [2, 3]], await PendingNumbersAsync(services));

        Database.Time.Advance(TimeSpan.FromSeconds(30));
        var sender = new RecordingSender();
        await DrainAsync(services, sender);
        Assert.Equal([[1], [2, 3]], sender.Sent.Select(Numbers));
    }
}

/// <summary>On PostgreSQL each notice is committed as a row of its own; a claim takes the later ones in.</summary>
public sealed class PostgresGatheredNoticesTests() : GatheredNoticesContract(new PostgresTestDatabase())
{
    [SkippableFact]
    public async Task Each_notice_is_a_row_of_its_own_and_one_claimed_takes_in_the_later_ones_no_sender_has_had()
    {
        SkipIfUnavailable();
        await using var services = await Database.StartServicesAsync();
        var store = services.Store();
        var outbox = services.Outbox();
        var lease = TimeSpan.FromMinutes(5);

        await CommitNoticeAsync(store, 1);
        await CommitNoticeAsync(store, 2);
        await CommitNoticeAsync(store, 3);
        var first = Assert.Single(await outbox.ClaimDueAsync("instance-a", 10, lease, default));
        Assert.Equal([1, 2, 3], Numbers(first));
        Assert.Equal([[1, 2, 3]], await PendingNumbersAsync(services));

        // Put back untried (its workspace had to wait): still nobody has sent any of it, so it takes in more next time.
        await outbox.PutBackUntriedAsync(first.Message.Id, "instance-a", Database.Time.GetUtcNow().AddSeconds(1), default);
        await CommitNoticeAsync(store, 4);
        Assert.Equal([4], Numbers(Assert.Single(await outbox.ClaimDueAsync("instance-a", 10, lease, default)))); // the first is not due yet
        await outbox.PutBackUntriedAsync(first.Message.Id, "instance-a", Database.Time.GetUtcNow().AddSeconds(1), default); // no longer a's: nothing happens
        Database.Time.Advance(TimeSpan.FromSeconds(1));
        await CommitNoticeAsync(store, 4, "reopened: the override still needs a supervisor");
        await CommitNoticeAsync(store, 5);

        // Notice 4 is in a's hands: it is neither taken in nor takes anything in. Its later state goes with the first.
        var claimed = await outbox.ClaimDueAsync("instance-a", 10, lease, default);
        Assert.Equal([[1, 2, 3, 4, 5]], claimed.Select(Numbers));
        var gathered = (OwnerConcerns)claimed[0].Message.Message;
        Assert.Equal("reopened: the override still needs a supervisor", gathered.Concerns[3].Text);
        Assert.Equal(Words(5), gathered.Concerns[4].Text);

        // A sender had it and was asked to wait: it may have posted part of it, so it takes in nothing more.
        await outbox.MarkDeferredAsync(claimed[0].Message.Id, Database.Time.GetUtcNow().AddSeconds(1), default);
        await CommitNoticeAsync(store, 6);
        Database.Time.Advance(TimeSpan.FromMinutes(6));
        var sender = new RecordingSender();
        await DrainAsync(services, sender);
        Assert.Equal([[1, 2, 3, 4, 5], [4], [6]], sender.Sent.Select(Numbers));
    }
}
