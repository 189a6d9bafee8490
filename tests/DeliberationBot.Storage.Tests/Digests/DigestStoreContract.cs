using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Storage.Tests.Digests;

/// <summary>The digest job's bulk reads and writes, on SQLite and PostgreSQL.</summary>
public abstract class DigestStoreContract(TestDatabase db) : DatabaseContract
{
    protected override TestDatabase Database => db;

    private const string Ws = "T-AGENCY";

    [SkippableFact]
    public async Task A_workspace_is_read_as_the_per_deliberation_reads_see_it_and_nothing_of_another()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var now = db.Time.GetUtcNow();
        var open = await SeedAsync(store, Ws, "Open", now.AddDays(-3), concerns: 3, people: 2);
        var recentlyClosed = await SeedAsync(store, Ws, "Closed last month", now.AddDays(-2), concerns: 1, people: 1, closedAt: now.AddDays(-30));
        await SeedAsync(store, Ws, "Closed last year", now.AddDays(-1), concerns: 2, people: 1, closedAt: now.AddDays(-365));
        await SeedAsync(store, "T-OTHER", "Another agency's", now.AddDays(-4), concerns: 2, people: 2);

        var sources = await services.GetRequiredService<IDigestStore>().ListSourcesAsync(Ws, now.AddDays(-180), default);

        Assert.Equal([open, recentlyClosed], sources.Select(s => s.Deliberation.Id));
        foreach (var source in sources)
        {
            Assert.Equal(Json(await store.FindAsync(Ws, source.Deliberation.Id, default)), Json(source.Deliberation));
            Assert.Equal(Json(await store.ListConcernsAsync(Ws, source.Deliberation.Id, default)), Json(source.Concerns));
            Assert.Equal(Json(await store.ListParticipantsAsync(Ws, source.Deliberation.Id, default)), Json(source.Participants));
        }

        Assert.Equal([3, 1], sources.Select(s => s.Concerns.Count));
        Assert.Equal([1, 2, 3], sources[0].Concerns.Select(c => c.Number));
    }

    [SkippableFact]
    public async Task A_snapshot_reads_back_as_it_was_stored_and_only_in_its_workspace()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var digests = services.GetRequiredService<IDigestStore>();
        var now = db.Time.GetUtcNow();
        await SeedAsync(store, Ws, "Screening", now.AddDays(-20), concerns: 2, people: 1);
        var snapshot = DigestComposer.Snapshot(Guid.CreateVersion7(now), Ws, await digests.ListSourcesAsync(Ws, now.AddDays(-180), default), now, staleAfterDays: 7);

        await digests.SaveSnapshotAsync(snapshot, default);
        var read = await digests.FindSnapshotAsync(Ws, snapshot.Id, default);

        Assert.NotNull(read);
        Assert.Equal(Json(snapshot), Json(read));
        Assert.Equal(2, read.Changes.Count);
        // Where each deliberation is held, which decides whose digests may tell of it, is kept with it.
        var home = Assert.Single(read.Homes!);
        var stored = snapshot.Homes!.Single();
        Assert.Equal((stored.Key, stored.Value.Conversation), (home.Key, home.Value.Conversation));
        Assert.Equal(stored.Value.Deciders, home.Value.Deciders);
        Assert.NotEmpty(home.Value.Deciders);
        Assert.All(read.Changes, c => Assert.Equal(home.Key, c.Concern.DeliberationId));
        Assert.True(read.Proposals.Single().OpenConcerns.All(c => c.Shortened), "the words were longer than a digest shows");
        // Everyone's words and where the concern stands are kept with it.
        var declined = read.Proposals.Single().OpenConcerns.Single(c => c.Number == 2);
        Assert.Equal([("We type every call twice.", "since changed")], declined.Words!.Skip(1).Select(w => (w.Text, w.Since)));
        Assert.Equal(("The records schedule sets retention.", "The review comes after the pilot."), (declined.Standing!.Response, declined.Standing.Reopening.Single()));
        Assert.Null(await digests.FindSnapshotAsync("T-OTHER", snapshot.Id, default));

        // Each concern is stored once, however many of the snapshot's lists it stands in.
        await using var ctx = services.GetRequiredService<DbFactory>().Create();
        var body = await ctx.DigestSnapshots.Where(x => x.Id == snapshot.Id).Select(x => x.BodyJson).SingleAsync();
        var open = read.Proposals.Single().OpenConcerns[0];
        Assert.Contains(open, read.Changes.Select(c => c.Concern));
        var words = System.Text.Json.JsonSerializer.Serialize(open.Text)[1..^1];
        Assert.Equal(CountOf(System.Text.Json.JsonSerializer.Serialize(open, DeliberationBot.Storage.Digests.DigestSnapshotJson.Default.DigestConcern), words), CountOf(body, words));

        // A body stored in an earlier form reads as no snapshot: its digests are composed again from the record.
        ctx.DigestSnapshots.Single(x => x.Id == snapshot.Id).BodyJson = "{\"id\":\"" + snapshot.Id + "\",\"proposals\":[],\"stale\":[],\"comingDue\":[],\"changes\":[]}";
        await ctx.SaveChangesAsync();
        Assert.Null(await digests.FindSnapshotAsync(Ws, snapshot.Id, default));

        static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
    }

    [SkippableFact]
    public async Task A_batch_writes_every_subscription_and_digest_together_or_none()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var digests = services.GetRequiredService<IDigestStore>();
        var now = db.Time.GetUtcNow();
        var leaders = Enumerable.Range(1, 5).Select(i => Subscription($"U-LEADER-{i}", now.AddMinutes(-1))).ToList();
        foreach (var s in leaders)
        {
            await store.CommitAsync(new Commit(Ws, "subscribe-" + s.User.Id) { Subscription = s }, default);
        }

        DigestWrite Write(DigestSubscription s, string week) => new(
            s with { NextDueAt = now.AddDays(7), LastWeek = week, LastSentAt = now },
            new OutboxMessage(Guid.CreateVersion7(now), Ws, $"digest:{s.User.Id}:{week}", Destination.PrivatelyTo(s.Context, s.User), new DigestReference(Guid.CreateVersion7(now), now.AddDays(-7), week, false, null, "UTC"), now));

        Assert.Equal(CommitOutcome.Committed, await digests.CommitAsync([.. leaders.Take(2).Select(s => Write(s, "2026-W45"))], default));
        // One of these digests exists already: nothing of the batch is written, not even the other subscribers' advance.
        Assert.Equal(CommitOutcome.Duplicate, await digests.CommitAsync([.. leaders.Skip(1).Select(s => Write(s, "2026-W45"))], default));

        var schedule = services.GetRequiredService<Core.Scheduling.IScheduleStore>();
        var weeks = await Task.WhenAll(leaders.Select(async s => (await schedule.FindSubscriptionAsync(Ws, s.User.Id, default))!.LastWeek ?? "none"));
        Assert.Equal(["2026-W45", "2026-W45", "none", "none", "none"], weeks);
        var due = await services.Outbox().ClaimDueAsync("test", 100, TimeSpan.FromMinutes(1), default);
        Assert.Equal(["digest:U-LEADER-1:2026-W45", "digest:U-LEADER-2:2026-W45"], due.Select(d => d.Message.IdempotencyKey).Order());
        Assert.All(due, d => Assert.IsType<DigestReference>(d.Message.Message));
    }

    [SkippableFact]
    public async Task Snapshots_older_than_the_cut_off_are_pruned()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var digests = services.GetRequiredService<IDigestStore>();
        var now = db.Time.GetUtcNow();
        var old = DigestComposer.Snapshot(Guid.CreateVersion7(now.AddDays(-40)), Ws, [], now.AddDays(-40), 7);
        var recent = DigestComposer.Snapshot(Guid.CreateVersion7(now), Ws, [], now, 7);
        await digests.SaveSnapshotAsync(old, default);
        await digests.SaveSnapshotAsync(recent, default);

        Assert.Equal(1, await digests.PruneSnapshotsAsync(now.AddDays(-28), default));
        Assert.Null(await digests.FindSnapshotAsync(Ws, old.Id, default));
        Assert.NotNull(await digests.FindSnapshotAsync(Ws, recent.Id, default));
    }

    private static DigestSubscription Subscription(string user, DateTimeOffset due) =>
        new(Ws, new UserRef(user, user), Samples.Channel(Ws), DayOfWeek.Monday, new TimeOnly(9, 0), "UTC", true, due);

    private async Task<Guid> SeedAsync(IDeliberationStore store, string workspace, string title, DateTimeOffset at, int concerns, int people, DateTimeOffset? closedAt = null)
    {
        var flow = Samples.Flow();
        var d = Samples.Deliberation(workspace, flow, at) with { Title = title };
        if (closedAt is { } closed)
        {
            d = d with { Status = DeliberationStatus.Closed, ClosedAt = closed };
        }

        var words = string.Concat(Enumerable.Repeat("The night shift was never asked about the extra fields. ", 5));
        await store.CommitAsync(new Commit(workspace, null)
        {
            Deliberation = d,
            FlowSnapshot = flow,
            Concerns = [.. Enumerable.Range(1, concerns).Select(n => n == 2 ? Declined(d, at) : new Concern(
                Guid.CreateVersion7(at.AddMinutes(n)), d.Id, n, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, "work", "minutes", $"#{n}: {words}",
                [StakeholderGroup.FrontlineWorker], [$"user:U-P{n}"], n == 1 ? ConcernStatus.Resolved : ConcernStatus.Open, null, null, null, [], at.AddMinutes(n), at.AddMinutes(n)))],
        }, default);
        foreach (var i in Enumerable.Range(1, people))
        {
            await store.CommitAsync(new Commit(workspace, null) { Participants = [Samples.Participant(d, $"U-P{i}", i % 2 == 0 ? StakeholderGroup.LegalPolicy : StakeholderGroup.Vendor, at.AddMinutes(i))] }, default);
        }

        return d.Id;
    }

    /// <summary>Concern #2: two people's words merged, reopened with words, then declined by the owners with a reason.</summary>
    private static Concern Declined(Deliberation d, DateTimeOffset at) => new(
        Guid.CreateVersion7(at.AddMinutes(2)), d.Id, 2, ConcernKind.Concern, ConcernOrigin.FlaggedAnswer, "work", "minutes", string.Concat(Enumerable.Repeat("Nobody timed the fields. ", 10)),
        [StakeholderGroup.FrontlineWorker], ["user:U-P2", "user:U-P3"], ConcernStatus.WontAddress, "The records schedule sets retention.", null, null, [], at.AddMinutes(2), at.AddMinutes(3))
    {
        Voices =
        [
            new("user:U-P2", StakeholderGroup.FrontlineWorker, null, string.Concat(Enumerable.Repeat("Nobody timed the fields. ", 10)), "minutes"),
            new("user:U-P3", StakeholderGroup.FrontlineWorker, "Cy", "We type every call twice.", "minutes") { Since = new AnswerSince(AnswerSinceKind.Changed) },
            new("user:U-P2", StakeholderGroup.FrontlineWorker, null, "The review comes after the pilot.", null) { Reopening = true },
        ],
    };

    /// <summary>Records holding lists compare the lists by reference; their JSON compares what they hold.</summary>
    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);
}

public sealed class SqliteDigestStoreTests() : DigestStoreContract(new SqliteTestDatabase());

public sealed class PostgresDigestStoreTests() : DigestStoreContract(new PostgresTestDatabase());
