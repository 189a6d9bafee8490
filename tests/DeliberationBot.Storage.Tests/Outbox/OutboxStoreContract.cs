using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Storage.Rows;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Storage.Tests.Outbox;

/// <summary>The outbox's promises, on SQLite and PostgreSQL: durable, retried, never resent once accepted.</summary>
public abstract class OutboxStoreContract(TestDatabase db) : DatabaseContract
{
    protected override TestDatabase Database => db;

    protected const string Ws = "T-AGENCY";

    [SkippableFact]
    public async Task Unsent_messages_are_sent_after_a_restart_and_never_again_once_accepted()
    {
        SkipIfUnavailable();
        await using (var before = await db.StartServicesAsync())
        {
            await before.Store().CommitAsync(new Commit(Ws, "d1") { Outbox = [Samples.Message(Ws, "d1/0", db.Time.GetUtcNow(), text: "one"), Samples.Message(Ws, "d1/1", db.Time.GetUtcNow(), text: "two")] }, default);
        }

        await using var after = await db.StartServicesAsync();
        var sender = new RecordingSender();
        var dispatcher = Dispatchers.For(after, sender, db.Time);
        Assert.Equal(2, await dispatcher.DispatchDueAsync(default));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(default));
        db.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await Dispatchers.For(after, sender, db.Time).DispatchDueAsync(default));

        Assert.Equal(["one", "two"], sender.Sent.Select(s => ((Confirmation)s.Message.Message).Text).Order());
        Assert.Equal(0, await after.Outbox().CountPendingAsync(default));
    }

    [SkippableFact]
    public async Task A_transient_failure_is_retried_after_back_off()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        await services.Store().CommitAsync(new Commit(Ws, "r1") { Outbox = [Samples.Message(Ws, "r1/0", db.Time.GetUtcNow())] }, default);
        var sender = new RecordingSender();
        sender.Script.Enqueue(SendResult.Retry("429 rate limited", TimeSpan.FromSeconds(30)));
        var dispatcher = Dispatchers.For(services, sender, db.Time);

        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));
        Assert.Empty(sender.Sent);
        db.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(default));
        db.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));

        var sent = Assert.Single(sender.Sent);
        Assert.Equal(2, sent.Attempt);
    }

    [SkippableFact]
    public Task A_worker_waiting_for_work_is_woken_when_a_wait_the_platform_asked_for_ends() =>
        WorkerWokenWhenTheWaitEndsAsync(SendResult.Defer("chat.postMessage: rate limited", TimeSpan.FromSeconds(30), pausesWorkspace: true));

    [SkippableFact]
    public Task A_worker_waiting_for_work_is_woken_when_a_retrys_back_off_ends() =>
        WorkerWokenWhenTheWaitEndsAsync(SendResult.Retry("503 service unavailable", TimeSpan.FromSeconds(30)));

    /// <summary>The first send answers <paramref name="first"/>, which asks for 30 s; the message goes once they are over.</summary>
    private async Task WorkerWokenWhenTheWaitEndsAsync(SendResult first)
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        await services.Store().CommitAsync(new Commit(Ws, "w1") { Outbox = [Samples.Message(Ws, "w1/0", db.Time.GetUtcNow(), text: "after the wait")] }, default);
        var sender = new RecordingSender();
        sender.Script.Enqueue(first);
        var signal = new OutboxSignal();
        var dispatcher = Dispatchers.For(services, sender, db.Time, signal: signal);
        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));

        // The worker goes back to waiting, for up to five minutes: it is woken when the 30 s are over.
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(5), db.Time, CancellationToken.None);
        db.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(waiting.IsCompleted);
        db.Time.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));
        Assert.Equal("after the wait", ((Confirmation)Assert.Single(sender.Sent).Message.Message).Text);
    }

    /// <summary>
    /// Queues b1, b2, b3 for a busy workspace, o1 for another and then b4, and dispatches a batch of four in which b1 is
    /// asked to wait 30 s: b2 and b3 are put back untried and o1 is sent.
    /// </summary>
    protected async Task<(OutboxDispatcher Dispatcher, RecordingSender Sender)> PauseABusyWorkspaceAsync(ServiceProvider services)
    {
        foreach (var (ws, key) in new[] { ("T-BUSY", "b1"), ("T-BUSY", "b2"), ("T-BUSY", "b3"), ("T-OTHER", "o1"), ("T-BUSY", "b4") })
        {
            await services.Store().CommitAsync(new Commit(ws, key) { Outbox = [Samples.Message(ws, key + "/0", Database.Time.GetUtcNow(), text: key)] }, default);
            Database.Time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var sender = new RecordingSender();
        sender.Script.Enqueue(SendResult.Defer("chat.postMessage: rate limited", TimeSpan.FromSeconds(30), pausesWorkspace: true));
        var dispatcher = Dispatchers.For(services, sender, Database.Time, new OutboxOptions { BatchSize = 4, ParallelConversations = 1 });
        Assert.Equal(4, await dispatcher.DispatchDueAsync(default));
        Assert.Equal(["o1"], Texts(sender));
        return (dispatcher, sender);
    }

    protected static List<string> Texts(RecordingSender sender) => [.. sender.Sent.Select(s => ((Confirmation)s.Message.Message).Text)];

    [SkippableFact]
    public async Task A_permanent_failure_is_not_retried()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        await services.Store().CommitAsync(new Commit(Ws, "f1") { Outbox = [Samples.Message(Ws, "f1/0", db.Time.GetUtcNow())] }, default);
        var sender = new RecordingSender();
        sender.Script.Enqueue(SendResult.Fail("channel_not_found"));
        var dispatcher = Dispatchers.For(services, sender, db.Time);

        await dispatcher.DispatchDueAsync(default);
        db.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(default));
        Assert.Empty(sender.Sent);
        Assert.Equal(0, await services.Outbox().CountPendingAsync(default));
    }

    [SkippableFact]
    public async Task What_failed_into_one_conversation_is_sent_again_and_nothing_else()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var now = db.Time.GetUtcNow();
        var home = Samples.Channel(Ws);
        var thread = home with { ThreadId = "1700000000.000100" };
        var elsewhere = home with { ConversationId = "C-ELSEWHERE" };
        OutboxMessage To(Destination destination, string key, string text) => Samples.Message(Ws, key, now, text: text) with { Destination = destination };
        await services.Store().CommitAsync(new Commit(Ws, "r1")
        {
            Outbox =
            [
                To(Destination.To(home), "r1/summary", "summary"), To(Destination.To(thread), "r1/reply", "reply in its thread"),
                To(Destination.EphemeralTo(home, new UserRef("U-ANA")), "r1/ephemeral", "shown to Ana there"),
                To(Destination.PrivatelyTo(home, new UserRef("U-ANA")), "r1/private", "to Ana privately"), To(Destination.To(elsewhere), "r1/elsewhere", "elsewhere"),
            ],
        }, default);
        await services.Store().CommitAsync(new Commit("T-OTHER", "r2") { Outbox = [Samples.Message("T-OTHER", "r2/0", now, text: "other workspace") with { Destination = Destination.To(home with { WorkspaceId = "T-OTHER" }) }] }, default);
        var sender = new RecordingSender();
        for (var i = 0; i < 6; i++)
        {
            sender.Script.Enqueue(SendResult.Fail("channel_not_found"));
        }

        Assert.Equal(6, await Dispatchers.For(services, sender, db.Time).DispatchDueAsync(default));
        Assert.Equal(0, await services.Outbox().RetryFailedAsync(Ws, "C-NOWHERE", default));

        Assert.Equal(3, await services.Outbox().RetryFailedAsync(Ws, home.ConversationId, default));
        Assert.Equal(3, await Dispatchers.For(services, sender, db.Time).DispatchDueAsync(default));
        Assert.Equal(["reply in its thread", "shown to Ana there", "summary"], Texts(sender).Order());
        Assert.Equal(0, await services.Outbox().RetryFailedAsync(Ws, home.ConversationId, default));

        // An administrator's retry of the workspace takes the rest of it, and only it.
        Assert.Equal(2, await services.Outbox().RetryFailedAsync(Ws, null, default));
        Assert.Equal(1, await services.Outbox().RetryFailedAsync(null, null, default));
    }

    [SkippableFact]
    public async Task A_failed_update_of_a_card_that_a_newer_one_has_since_updated_is_never_sent_again()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var sender = new RecordingSender();
        async Task CommitAndSendAsync(string key, string text, SendResult? result = null)
        {
            await services.Store().CommitAsync(new Commit(Ws, key) { Outbox = [Samples.Message(Ws, key, db.Time.GetUtcNow(), slot: "card", text: text)] }, default);
            if (result is not null)
            {
                sender.Script.Enqueue(result);
            }

            await Dispatchers.For(services, sender, db.Time).DispatchDueAsync(default);
            db.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await CommitAndSendAsync("c/0", "posted");
        await CommitAndSendAsync("c/1", "3 answers", SendResult.Fail("msg_too_long"));
        await CommitAndSendAsync("c/2", "4 answers");
        await CommitAndSendAsync("c/3", "5 answers", SendResult.Fail("channel_not_found"));
        await CommitAndSendAsync("c/4", "closed", SendResult.Fail("channel_not_found"));

        // "3 answers" would overwrite "4 answers": only what failed after the last delivered update goes again, and of
        // that only the newest is sent, as a waiting update of a card always is.
        Assert.Equal(2, await services.Outbox().RetryFailedAsync(Ws, Samples.Channel(Ws).ConversationId, default));
        await Dispatchers.For(services, sender, db.Time).DispatchDueAsync(default);
        Assert.Equal(["posted", "4 answers", "closed"], Texts(sender));
        Assert.Equal(0, await services.Outbox().RetryFailedAsync(null, null, default));
    }

    [SkippableFact]
    public async Task A_slot_is_posted_once_then_updated_in_place_with_only_the_newest_state()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var sender = new RecordingSender();
        var dispatcher = Dispatchers.For(services, sender, db.Time);
        await store.CommitAsync(new Commit(Ws, "s0") { Outbox = [Samples.Message(Ws, "s0/card", db.Time.GetUtcNow(), "card:1", "0 answers")] }, default);
        await dispatcher.DispatchDueAsync(default);
        for (var i = 1; i <= 3; i++)
        {
            db.Time.Advance(TimeSpan.FromSeconds(1));
            await store.CommitAsync(new Commit(Ws, $"s{i}") { Outbox = [Samples.Message(Ws, $"s{i}/card", db.Time.GetUtcNow(), "card:1", $"{i} answers")] }, default);
        }

        while (await dispatcher.DispatchDueAsync(default) > 0)
        {
        }

        Assert.Equal(2, sender.Sent.Count);
        Assert.Null(sender.Sent[0].PreviouslyPosted);
        Assert.Equal("3 answers", ((Confirmation)sender.Sent[1].Message.Message).Text);
        Assert.Equal(new PostedMessage("C-REVIEW", "ts1"), sender.Sent[1].PreviouslyPosted);
    }

    [SkippableFact]
    public async Task A_slot_update_does_not_wait_for_an_older_one_to_be_retried()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var outbox = services.Outbox();
        await services.Store().CommitAsync(new Commit(Ws, "r1") { Outbox = [Samples.Message(Ws, "r1/card", db.Time.GetUtcNow(), "card:5", "1 answer")] }, default);
        var failed = Assert.Single(await outbox.ClaimDueAsync("instance-a", 10, TimeSpan.FromMinutes(5), default));
        await outbox.MarkRetryAsync(failed.Message.Id, db.Time.GetUtcNow().AddMinutes(2), "503 from the platform", default);
        db.Time.Advance(TimeSpan.FromSeconds(1));
        await services.Store().CommitAsync(new Commit(Ws, "r2") { Outbox = [Samples.Message(Ws, "r2/card", db.Time.GetUtcNow(), "card:5", "2 answers")] }, default);

        // The newer update goes now, not in two minutes (a card is rebuilt from the record when it is sent, whichever goes).
        var newest = Assert.Single(await outbox.ClaimDueAsync("instance-a", 10, TimeSpan.FromMinutes(5), default));
        Assert.Equal("2 answers", ((Confirmation)newest.Message.Message).Text);
    }

    [SkippableFact]
    public async Task A_burst_of_updates_to_a_slot_is_superseded_by_its_newest_all_at_once()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        for (var i = 1; i <= 30; i++)
        {
            // Queued by commits without a delivery key (as a scheduled job's), which never go into a waiting message:
            // thirty rows, as on PostgreSQL when commits race with claims.
            db.Time.Advance(TimeSpan.FromMilliseconds(1));
            await services.Store().CommitAsync(new Commit(Ws, null) { Outbox = [Samples.Message(Ws, $"u{i}/card", db.Time.GetUtcNow(), "card:3", $"{i} answers")] }, default);
        }

        Assert.Equal(30, await services.Outbox().CountPendingAsync(default));

        // The first update the claim reads is superseded together with every other one older than the newest.
        var outbox = services.Outbox();
        Assert.Empty(await outbox.ClaimDueAsync("instance-a", 1, TimeSpan.FromMinutes(5), default));
        Assert.Equal(1, await outbox.CountPendingAsync(default));
        var newest = Assert.Single(await outbox.ClaimDueAsync("instance-a", 1, TimeSpan.FromMinutes(5), default));
        Assert.Equal("30 answers", ((Confirmation)newest.Message.Message).Text);
    }

    [SkippableFact]
    public async Task A_slot_update_is_not_superseded_by_one_in_flight_that_may_carry_older_state()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var at = db.Time.GetUtcNow();
        var inFlight = Samples.Message(Ws, "f/card", at, "card:2", "before the last answer") with { Id = Guid.Parse("ffffffff-0000-7000-8000-000000000000") };
        var latest = Samples.Message(Ws, "g/card", at, "card:2", "after the last answer") with { Id = Guid.Parse("00000000-0000-7000-8000-000000000000") };
        await services.Store().CommitAsync(new Commit(Ws, "f") { Outbox = [inFlight] }, default);
        var claimed = Assert.Single(await services.Outbox().ClaimDueAsync("other-instance", 10, TimeSpan.FromMinutes(5), default));
        await services.Store().CommitAsync(new Commit(Ws, "g") { Outbox = [latest] }, default);

        var sender = new RecordingSender();
        var dispatcher = Dispatchers.For(services, sender, db.Time);
        Assert.Equal(0, await dispatcher.DispatchDueAsync(default)); // waits while the other instance is sending
        await services.Outbox().MarkDeliveredAsync(claimed.Message, new PostedMessage("C-REVIEW", "ts-card"), default);
        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));

        var sent = Assert.Single(sender.Sent);
        Assert.Equal("after the last answer", ((Confirmation)sent.Message.Message).Text);
        Assert.Equal(new PostedMessage("C-REVIEW", "ts-card"), sent.PreviouslyPosted);
    }

    [SkippableFact]
    public async Task A_delivered_message_keeps_when_it_went_and_its_platform_id_but_nothing_of_what_it_said()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        await services.Store().CommitAsync(new Commit(Ws, "dl") { Outbox = [Samples.Message(Ws, "dl/card", db.Time.GetUtcNow(), "card:dl", "Night crew: nobody asked")] }, default);
        var claimed = Assert.Single(await services.Outbox().ClaimDueAsync("instance-a", 10, TimeSpan.FromMinutes(5), default));
        db.Time.Advance(TimeSpan.FromSeconds(3));
        await services.Outbox().MarkDeliveredAsync(claimed.Message, new PostedMessage("C-REVIEW", "ts-card"), default);

        await using var read = services.GetRequiredService<DbFactory>().Create();
        var row = await read.Outbox.AsNoTracking().SingleAsync(x => x.Id == claimed.Message.Id);
        Assert.Equal((OutboxStatus.Delivered, db.Time.GetUtcNow(), "ts-card", null), (row.Status, row.DeliveredAt, row.PlatformMessageId, row.LockedUntil));
        Assert.Equal(("{}", "{}"), (row.MessageJson, row.DestinationJson));
        Assert.Equal(new PostedMessage("C-REVIEW", "ts-card"), await services.Outbox().FindPostedAsync(Ws, "card:dl", default));
    }

    [SkippableFact]
    public async Task A_message_claimed_by_an_instance_that_died_is_taken_over_after_its_lease()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        await services.Store().CommitAsync(new Commit(Ws, "l1") { Outbox = [Samples.Message(Ws, "l1/0", db.Time.GetUtcNow())] }, default);
        var lease = new OutboxOptions().Lease;
        Assert.Single(await services.Outbox().ClaimDueAsync("instance-that-dies", 10, lease, default));

        var sender = new RecordingSender();
        var survivor = Dispatchers.For(services, sender, db.Time);
        Assert.Equal(0, await survivor.DispatchDueAsync(default));
        db.Time.Advance(lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await survivor.DispatchDueAsync(default));
        Assert.Single(sender.Sent);
    }

    [SkippableFact]
    public async Task Two_instances_draining_one_outbox_send_each_message_once()
    {
        SkipIfUnavailable();
        await using var a = await db.StartServicesAsync();
        await using var b = await db.StartServicesAsync();
        var keys = Enumerable.Range(0, 60).Select(i => $"m{i}").ToList();
        foreach (var key in keys)
        {
            await a.Store().CommitAsync(new Commit(Ws, key) { Outbox = [Samples.Message(Ws, key + "/0", db.Time.GetUtcNow(), text: key)] }, default);
        }

        var sender = new RecordingSender();
        async Task DrainAsync(Microsoft.Extensions.DependencyInjection.ServiceProvider services)
        {
            var dispatcher = Dispatchers.For(services, sender, db.Time);
            while (await dispatcher.DispatchDueAsync(default) > 0)
            {
            }
        }

        await Task.WhenAll(DrainAsync(a), DrainAsync(b), DrainAsync(a));
        Assert.Equal(keys.Order(), sender.Sent.Select(s => ((Confirmation)s.Message.Message).Text).Order());
    }

    [SkippableFact]
    public async Task One_outbox_row_per_idempotency_key()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var digest = new Commit(Ws, null) { Outbox = [Samples.Message(Ws, "digest:U-LEADER:2026-W45", db.Time.GetUtcNow())] };

        Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(digest, default));
        Assert.Equal(CommitOutcome.Duplicate, await store.CommitAsync(digest with { Outbox = [Samples.Message(Ws, "digest:U-LEADER:2026-W45", db.Time.GetUtcNow())] }, default));
        Assert.Equal(1, await services.Outbox().CountPendingAsync(default));
    }

    [SkippableFact]
    public async Task The_parts_of_a_long_message_already_accepted_are_remembered_per_message_and_part()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var ledger = new OutboxPartLedger(services.Outbox());
        var first = Samples.Message(Ws, "long/1", db.Time.GetUtcNow());
        var second = Samples.Message(Ws, "long/2", db.Time.GetUtcNow());

        Assert.Null(await ledger.FindAsync(first, 0, default));
        await ledger.RecordAsync(first, 0, new PostedMessage("C1", "100.1"), default);
        await ledger.RecordAsync(first, 1, new PostedMessage("C1", "100.2"), default);
        await ledger.RecordAsync(first, 1, new PostedMessage("C1", "100.3"), default);

        Assert.Equal(new PostedMessage("C1", "100.1"), await ledger.FindAsync(first, 0, default));
        Assert.Equal(new PostedMessage("C1", "100.3"), await ledger.FindAsync(first, 1, default));
        Assert.Null(await ledger.FindAsync(first, 2, default));
        Assert.Null(await ledger.FindAsync(second, 0, default));
    }
}

/// <summary>On SQLite a message queued behind a waiting one of its kind goes into it as it is committed (EfDeliberationStore).</summary>
public sealed class SqliteOutboxStoreTests() : OutboxStoreContract(new SqliteTestDatabase())
{
    [SkippableFact]
    public async Task A_burst_of_updates_to_a_slot_goes_into_the_one_waiting_unsent()
    {
        SkipIfUnavailable();
        await using var services = await Database.StartServicesAsync();
        var first = Samples.Message(Ws, "u1/card", Database.Time.GetUtcNow(), "card:4", "1 answer");
        Assert.Equal(CommitOutcome.Committed, await services.Store().CommitAsync(new Commit(Ws, "u1") { Outbox = [first] }, default));
        for (var i = 2; i <= 30; i++)
        {
            Database.Time.Advance(TimeSpan.FromMilliseconds(1)); // an update per answer, as a burst of answers queues them
            var update = new Commit(Ws, $"u{i}") { Outbox = [Samples.Message(Ws, $"u{i}/card", Database.Time.GetUtcNow(), "card:4", $"{i} answers")] };

            // Nothing new for the outbox to look at: its worker is not woken for it.
            Assert.Equal(CommitOutcome.CommittedIntoWaiting, await services.Store().CommitAsync(update, default));
        }

        // A commit with a message of its own as well is a new row to send.
        var mixed = new Commit(Ws, "u31") { Outbox = [Samples.Message(Ws, "u31/card", Database.Time.GetUtcNow(), "card:4", "31 answers"), Samples.Message(Ws, "u31/0", Database.Time.GetUtcNow(), text: "Thanks")] };
        Assert.Equal(CommitOutcome.Committed, await services.Store().CommitAsync(mixed, default));

        // One card row, in the first update's place in the queue, with the newest state: nothing to claim and supersede.
        var claimed = await services.Outbox().ClaimDueAsync("instance-a", 10, TimeSpan.FromMinutes(5), default);
        Assert.Equal([first.Id, mixed.Outbox[1].Id], claimed.Select(c => c.Message.Id));
        Assert.Equal("31 answers", ((Confirmation)claimed[0].Message.Message).Text);
        Assert.Equal(2, await services.Outbox().CountPendingAsync(default)); // the two claimed, until they are sent
    }

    [SkippableFact]
    public async Task A_workspace_asked_to_wait_has_everything_waiting_put_back_in_order_with_no_attempt_spent_while_others_go_on()
    {
        SkipIfUnavailable();
        await using var services = await Database.StartServicesAsync();
        var (dispatcher, sender) = await PauseABusyWorkspaceAsync(services);
        Database.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(default)); // b4, not in the batch, waits with its workspace

        Database.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, await dispatcher.DispatchDueAsync(default));
        Assert.Equal(["o1", "b1", "b2", "b3", "b4"], Texts(sender)); // in the order they were queued
        Assert.All(sender.Sent, s => Assert.Equal(1, s.Attempt)); // waiting spent no attempt
    }

    [SkippableFact]
    public async Task Putting_a_workspace_back_leaves_what_a_sender_holds_and_other_workspaces_alone()
    {
        SkipIfUnavailable();
        await using var services = await Database.StartServicesAsync();
        var outbox = services.Outbox();
        await services.Store().CommitAsync(new Commit(Ws, "h1") { Outbox = [Samples.Message(Ws, "h1/0", Database.Time.GetUtcNow(), text: "in a sender's hands")] }, default);
        Assert.Single(await outbox.ClaimDueAsync("instance-b", 10, TimeSpan.FromMinutes(5), default));
        Database.Time.Advance(TimeSpan.FromMilliseconds(10));
        await services.Store().CommitAsync(new Commit(Ws, "h2") { Outbox = [Samples.Message(Ws, "h2/0", Database.Time.GetUtcNow(), text: "waiting")] }, default);
        await services.Store().CommitAsync(new Commit("T-OTHER", "h3") { Outbox = [Samples.Message("T-OTHER", "h3/0", Database.Time.GetUtcNow(), text: "elsewhere")] }, default);

        Assert.Equal(1, await outbox.PutBackWorkspaceAsync("test", Ws, Database.Time.GetUtcNow().AddSeconds(30), TimeSpan.Zero, "instance-a", [], default));
        Assert.Equal(0, await outbox.PutBackWorkspaceAsync("teams", Ws, Database.Time.GetUtcNow().AddSeconds(30), TimeSpan.Zero, "instance-a", [], default)); // another channel's wait

        Assert.Equal(["elsewhere"], (await outbox.ClaimDueAsync("instance-a", 10, TimeSpan.FromMinutes(5), default)).Select(i => ((Confirmation)i.Message.Message).Text));
        Database.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(["waiting"], (await outbox.ClaimDueAsync("instance-a", 10, TimeSpan.FromMinutes(5), default)).Select(i => ((Confirmation)i.Message.Message).Text));
    }
    [SkippableFact]
    public async Task A_backlog_put_back_goes_at_the_platforms_pace_in_queue_order_and_a_later_wait_moves_only_what_came_due()
    {
        SkipIfUnavailable();
        await using var services = await Database.StartServicesAsync();
        var outbox = services.Outbox();
        for (var i = 1; i <= 10; i++)
        {
            await services.Store().CommitAsync(new Commit(Ws, $"s{i}") { Outbox = [Samples.Message(Ws, $"s{i}/0", Database.Time.GetUtcNow(), text: $"s{i}")] }, default);
            Database.Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var pace = TimeSpan.FromSeconds(1);
        var waitEnds = Database.Time.GetUtcNow().AddSeconds(30);
        Assert.Equal(10, await outbox.PutBackWorkspaceAsync("test", Ws, waitEnds, pace, "instance-a", [], default));

        // Each is due when the platform would let it go: one a second from the end of the wait, in the order queued.
        Database.Time.Advance(waitEnds - Database.Time.GetUtcNow());
        Assert.Equal(["s1"], await ClaimTextsAsync());
        Database.Time.Advance(pace);
        Assert.Equal(["s2"], await ClaimTextsAsync());

        // Asked to wait 5 s more: s3 to s7 came due before that ends and are moved, all to its end, where s8 already
        // waits; s8 to s10 are not written.
        Database.Time.Advance(pace);
        Assert.Equal(5, await outbox.PutBackWorkspaceAsync("test", Ws, Database.Time.GetUtcNow().AddSeconds(5), pace, "instance-a", [], default));
        Database.Time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Empty(await ClaimTextsAsync());
        Database.Time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(["s3", "s4", "s5", "s6", "s7", "s8"], await ClaimTextsAsync()); // still in the order queued
        Database.Time.Advance(pace);
        Assert.Equal(["s9"], await ClaimTextsAsync());

        async Task<List<string>> ClaimTextsAsync() =>
            [.. (await outbox.ClaimDueAsync("instance-a", 20, TimeSpan.FromMinutes(5), default)).Select(i => ((Confirmation)i.Message.Message).Text)];
    }

    [SkippableFact]
    public async Task A_workspace_asked_to_wait_sends_what_waited_no_faster_than_the_pace_the_platform_gave()
    {
        SkipIfUnavailable();
        await using var services = await Database.StartServicesAsync();
        for (var i = 1; i <= 6; i++)
        {
            await services.Store().CommitAsync(new Commit(Ws, $"b{i}") { Outbox = [Samples.Message(Ws, $"b{i}/0", Database.Time.GetUtcNow(), text: $"b{i}")] }, default);
            Database.Time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var sender = new RecordingSender();
        sender.Script.Enqueue(SendResult.Defer("chat.postMessage: rate limited", TimeSpan.FromSeconds(30), pausesWorkspace: true, pace: TimeSpan.FromSeconds(1)));
        var dispatcher = Dispatchers.For(services, sender, Database.Time, new OutboxOptions { BatchSize = 2, ParallelConversations = 1 });
        Assert.Equal(2, await dispatcher.DispatchDueAsync(default)); // b1 asked to wait; b2 given back untried
        Assert.Empty(sender.Sent);

        // When the wait is over, the one that was asked to wait and the next; the rest, the other of the batch too, one a
        // second after, so that no claim takes what cannot go yet.
        Database.Time.Advance(TimeSpan.FromSeconds(30));
        while (await dispatcher.DispatchDueAsync(default) > 0)
        {
        }

        Assert.Equal(["b1", "b2"], Texts(sender));
        for (var second = 1; second <= 4; second++)
        {
            Database.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, await dispatcher.DispatchDueAsync(default));
        }

        Assert.All(sender.Sent, s => Assert.Equal(1, s.Attempt)); // being given back spent no attempt

        Assert.Equal(["b1", "b2", "b3", "b4", "b5", "b6"], Texts(sender));
    }
}

/// <summary>On PostgreSQL a workspace asked to wait has only the rest of the batch put back (EfOutboxStore).</summary>
public sealed class PostgresOutboxStoreTests() : OutboxStoreContract(new PostgresTestDatabase())
{
    [SkippableFact]
    public async Task A_burst_of_updates_to_a_slot_keeps_a_row_each_and_each_commit_has_something_to_send()
    {
        SkipIfUnavailable();
        await using var services = await Database.StartServicesAsync();
        for (var i = 1; i <= 3; i++)
        {
            Database.Time.Advance(TimeSpan.FromMilliseconds(1));
            var update = new Commit(Ws, $"u{i}") { Outbox = [Samples.Message(Ws, $"u{i}/card", Database.Time.GetUtcNow(), "card:4", $"{i} answers")] };
            Assert.Equal(CommitOutcome.Committed, await services.Store().CommitAsync(update, default));
        }

        Assert.Equal(3, await services.Outbox().CountPendingAsync(default)); // superseded when claimed, on PostgreSQL
    }

    [SkippableFact]
    public async Task A_workspace_asked_to_wait_has_the_rest_of_its_batch_put_back_with_no_attempt_spent_while_others_go_on()
    {
        SkipIfUnavailable();
        await using var services = await Database.StartServicesAsync();
        var (dispatcher, sender) = await PauseABusyWorkspaceAsync(services);
        Database.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(default)); // only b4, which was not in the batch
        Assert.Equal(["o1", "b4"], Texts(sender));

        Database.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, await dispatcher.DispatchDueAsync(default));
        Assert.Equal(["o1", "b4", "b1", "b2", "b3"], Texts(sender));
        Assert.All(sender.Sent, s => Assert.Equal(1, s.Attempt)); // waiting spent no attempt
    }
}
