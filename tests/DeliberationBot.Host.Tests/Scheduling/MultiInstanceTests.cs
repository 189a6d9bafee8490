using System.Security.Cryptography;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Scheduling;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Host.Tests.Scheduling;

/// <summary>Two instances of the service against one real PostgreSQL, one of them stopped half-way, one "crashed" holding work.</summary>
public sealed class MultiInstanceTests
{
    private const string Ws = "T-AGENCY";

    private static int Notes(RecordingChannel channel) => channel.Sent.Count(m => m.Message.IdempotencyKey.StartsWith("note-", StringComparison.Ordinal));

    /// <summary>
    /// Moves the clock a step at a time (at most 60) until the condition holds; after each step every live instance runs
    /// its scheduled jobs and drains the outbox, all of them at once, as their workers would.
    /// </summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan step, Func<bool> done, params BotFactory[] instances)
    {
        for (var i = 0; i < 60 && !done(); i++)
        {
            time.Advance(step);
            await Task.WhenAll(instances.Select(async instance =>
            {
                await instance.RunScheduledJobsAsync();
                await instance.DeliverAsync();
            }));
        }

        Assert.True(done(), "the instances did not finish the work within an hour of fake time");
    }

    /// <summary>Storage alone, on its own clock: no workers, so nothing it writes is picked up by it.</summary>
    private static async Task<ServiceProvider> StorageOnlyAsync(Dictionary<string, string?> settings, TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(clock)
            .AddLogging();
        Storage.StorageServiceCollectionExtensions.AddDeliberationStorage(services);
        return await Task.FromResult(services.BuildServiceProvider());
    }

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

        var a = new BotFactory(settings, channel, time, driven: true);
        a.CreateClient().Dispose();
        var dispatcher = a.Services.GetRequiredService<CommandDispatcher>();
        for (var i = 0; i < 15; i++)
        {
            var room = new ConversationRef("test", Ws, $"C-{i}");
            await dispatcher.HandleAsync(new Actor("test", Ws, new Core.Messaging.UserRef("U-DANA", "Dana")), room, $"start quick-check \"Proposal {i}\"", null, $"start-{i}", default);
        }

        await a.DeliverAsync();
        Assert.Equal(15, channel.Sent.Count(m => m.Message.Message is DeliberationCard));

        // Work for whichever instance is alive: digests due now, and notes due in 5 s. A third instance, whose clock
        // runs 10 s ahead, has "crashed" holding the digest job and five of the notes; its leases must run out first.
        var crashedClock = new FakeTimeProvider(time.GetUtcNow().AddSeconds(10));
        await using (var crashed = await StorageOnlyAsync(settings, crashedClock))
        {
            var seeding = crashed.GetRequiredService<IDeliberationStore>();
            for (var i = 0; i < 12; i++)
            {
                var leader = new Core.Messaging.UserRef($"U-LEADER-{i}", $"Leader {i}");
                var subscription = new DigestSubscription(Ws, leader, new ConversationRef("test", Ws, "C-0"), DayOfWeek.Monday, new TimeOnly(9, 0), "UTC", true, time.GetUtcNow().AddMinutes(-5));
                await seeding.CommitAsync(new Commit(Ws, $"subscribe-{i}") { Subscription = subscription }, default);
            }

            for (var i = 0; i < 20; i++)
            {
                var at = time.GetUtcNow().AddSeconds(5);
                var note = new OutboxMessage(Guid.CreateVersion7(at), Ws, $"note-{i}", Destination.To(new ConversationRef("test", Ws, "C-0")), new Confirmation($"note {i}"), at);
                await seeding.CommitAsync(new Commit(Ws, $"note-{i}") { Outbox = [note] }, default);
            }

            Assert.True(await crashed.GetRequiredService<IScheduleStore>().TryAcquireLeaseAsync("digests", "crashed-instance", TimeSpan.FromMinutes(2), default));
            Assert.Equal(5, (await crashed.GetRequiredService<IOutboxStore>().ClaimDueAsync("crashed-instance", 5, TimeSpan.FromMinutes(5), default)).Count);
        }

        using var b = new BotFactory(settings, channel, time, driven: true);
        b.CreateClient().Dispose();
        await AdvanceUntilAsync(time, TimeSpan.FromSeconds(1), () => Notes(channel) >= 5, a, b); // the notes fall due; both instances drain them
        a.Dispose(); // stopped half-way through

        // Move the shared clock a minute at a time, past every lease, until b has taken over what the crashed instance held.
        await AdvanceUntilAsync(time, TimeSpan.FromMinutes(1), () => Notes(channel) >= 20 && channel.Sent.Count(m => m.Message.Message is WeeklyDigest) >= 12, b);

        var digests = channel.Sent.Where(m => m.Message.Message is WeeklyDigest).ToList();
        Assert.Equal(12, digests.Count);
        Assert.Equal(20, Notes(channel));
        Assert.Equal(15, channel.Sent.Count(m => m.Message.Message is DeliberationCard));

        var keys = channel.Sent.Select(m => m.Message.IdempotencyKey).ToList();
        Assert.True(keys.Count == keys.Distinct().Count(), "sent twice: " + string.Join(", ", keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key)));
        Assert.Equal(12, digests.Select(d => d.Message.Destination.User!.Id).Distinct().Count());
        Assert.Equal(0, await b.Services.GetRequiredService<IOutboxStore>().CountPendingAsync(default));
    }
}
