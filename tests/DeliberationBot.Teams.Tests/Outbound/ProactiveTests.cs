using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Outbound;

/// <summary>Reaching people later: a 1:1 conversation is created once, stored, and reused after a restart.</summary>
public sealed class ProactiveTests : HostTest
{
    [Fact]
    public async Task A_private_message_creates_a_1on1_conversation_once_and_survives_a_restart()
    {
        // Maria is only known from the team's install event.
        await Host.SendAsync(Activities.BotAdded(ServiceUrl, Person.Maria, Chat.Channel));
        await Host.DispatchAsync();
        Fake.Reset();

        await QueuePrivateAsync(Host, "one");
        var sent = await Host.DispatchAsync();
        var create = Assert.Single(sent, c => c.IsCreateConversation);
        Assert.Equal(Person.Maria.TeamsId, create.Body!["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(Activities.Tenant, create.Body!["tenantId"]!.GetValue<string>());
        Assert.Single(sent, c => c.IsPost && c.ConversationId == Chat.Personal(Person.Maria).Id);

        // A restart: a new host over the same stores still reaches Maria, without creating the chat again.
        await Host.DisposeAsync();
        await using var restarted = await TeamsTestHost.StartAsync(Fake, references: Host.References, store: Host.Store);
        Fake.Reset();
        await QueuePrivateAsync(restarted, "two");
        sent = await restarted.DispatchAsync();
        Assert.DoesNotContain(sent, c => c.IsCreateConversation);
        Assert.Single(sent, c => c.IsPost && c.ConversationId == Chat.Personal(Person.Maria).Id);
    }

    [Fact]
    public async Task Someone_never_seen_is_found_in_the_roster_of_the_conversation()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("1"), "help", id: "1"));
        await Host.DispatchAsync();
        Fake.AddToRoster(Person.Sam);

        await QueuePrivateAsync(Host, "roster", Person.Sam);
        var sent = await Host.DispatchAsync();
        Assert.Contains(sent, c => c.Method == "GET" && c.Path.EndsWith("/members/" + Person.Sam.AadId, StringComparison.Ordinal));
        Assert.Contains(sent, c => c.IsCreateConversation);
        Assert.Equal(InMemoryStore.State.Delivered, Host.Store.Outbox[^1].State);
    }

    private static async Task QueuePrivateAsync(TeamsTestHost host, string key, Person? to = null)
    {
        var who = to ?? Person.Maria;
        var now = TimeProvider.System.GetUtcNow();
        var destination = Destination.PrivatelyTo(new ConversationRef("teams", Activities.Tenant, Chat.ChannelId), new UserRef(who.AadId, who.Name));
        await host.Store.CommitAsync(new Commit(Activities.Tenant, "proactive/" + key)
        {
            Outbox = [new OutboxMessage(Guid.NewGuid(), Activities.Tenant, "proactive/" + key, destination, new ReminderNotice(Guid.NewGuid(), "Screening", 3, null), now)],
        }, CancellationToken.None);
    }
}
