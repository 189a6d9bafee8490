using System.Security.Cryptography;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Scheduling;
using DeliberationBot.Host.Tests.Support;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Host.Tests.Scheduling;

/// <summary>Two instances of the service against one real PostgreSQL, one of them stopped half-way, one "crashed" holding work.</summary>
public sealed class MultiInstanceTests
{
    private const string Ws = "T-AGENCY";

    [SkippableFact]
    public async Task Every_digest_is_produced_once_and_every_message_accepted_once_when_an_instance_stops_midway()
    {
        PostgresServer.SkipUnlessConfigured();
        await using var database = await PostgresScratchDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Deliberations"] = database.ConnectionString,
            ["Privacy:PseudonymKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        var channel = new RecordingChannel();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

        var a = new BotFactory(settings, channel, time);
        a.CreateClient().Dispose();
        var store = a.Services.GetRequiredService<IDeliberationStore>();
        var dispatcher = a.Services.GetRequiredService<CommandDispatcher>();
        for (var i = 0; i < 15; i++)
        {
            var room = new ConversationRef("test", Ws, $"C-{i}");
            await dispatcher.HandleAsync(new Actor("test", Ws, new Core.Messaging.UserRef("U-DANA", "Dana")), room, $"start quick-check \"Proposal {i}\"", null, $"start-{i}", default);
        }

        // Leaders whose digests are due, and messages queued without waking anyone: work for whichever instance is alive.
        for (var i = 0; i < 12; i++)
        {
            var leader = new Core.Messaging.UserRef($"U-LEADER-{i}", $"Leader {i}");
            var subscription = new DigestSubscription(Ws, leader, new ConversationRef("test", Ws, "C-0"), DayOfWeek.Monday, new TimeOnly(9, 0), "UTC", true, time.GetUtcNow().AddMinutes(-5));
            await store.CommitAsync(new Commit(Ws, $"subscribe-{i}") { Subscription = subscription }, default);
        }

        for (var i = 0; i < 20; i++)
        {
            var note = new OutboxMessage(Guid.CreateVersion7(time.GetUtcNow()), Ws, $"note-{i}", Destination.To(new ConversationRef("test", Ws, "C-0")), new Confirmation($"note {i}"), time.GetUtcNow());
            await store.CommitAsync(new Commit(Ws, $"note-{i}") { Outbox = [note] }, default);
        }

        // A third instance "crashed" holding the digest job and five messages; its leases must run out before anyone takes over.
        var schedule = a.Services.GetRequiredService<IScheduleStore>();
        Assert.True(await schedule.TryAcquireLeaseAsync("digests", "crashed-instance", TimeSpan.FromMinutes(2), default));
        Assert.Equal(5, (await a.Services.GetRequiredService<IOutboxStore>().ClaimDueAsync("crashed-instance", 5, TimeSpan.FromMinutes(5), default)).Count);

        using var b = new BotFactory(settings, channel, time);
        b.CreateClient().Dispose();
        await channel.WaitForCountAsync(m => m.Message.IdempotencyKey.StartsWith("note-", StringComparison.Ordinal), 5);
        a.Dispose(); // stopped half-way through

        for (var minute = 0; minute < 10; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1)); // past every lease: b takes over what the crashed instance held
        }

        var digests = await channel.WaitForCountAsync(m => m.Message.Message is WeeklyDigest, 12);
        await channel.WaitForCountAsync(m => m.Message.IdempotencyKey.StartsWith("note-", StringComparison.Ordinal), 20);
        await channel.WaitForCountAsync(m => m.Message.Message is DeliberationCard, 15);

        var keys = channel.Sent.Select(m => m.Message.IdempotencyKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(12, digests.Select(d => d.Message.Destination.User!.Id).Distinct().Count());
        Assert.Equal(0, await b.Services.GetRequiredService<IOutboxStore>().CountPendingAsync(default));
    }
}
