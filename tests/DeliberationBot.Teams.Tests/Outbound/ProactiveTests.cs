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
        await Host.SentAsync();

        await QueuePrivateAsync(Host, "one");
        var sent = await Host.SentAsync();
        var create = Assert.Single(sent, c => c.IsCreateConversation);
        Assert.Equal(Person.Maria.TeamsId, create.Body!["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(Activities.Tenant, create.Body!["tenantId"]!.GetValue<string>());
        Assert.Single(sent, c => c.IsPost && c.ConversationId == Chat.Personal(Person.Maria).Id);

        // A restart: a new service over the same database still reaches Maria, without creating the chat again.
        await Host.DisposeAsync();
        await using var restarted = await TeamsTestHost.StartAsync(Fake, Db);
        await QueuePrivateAsync(restarted, "two");
        sent = await restarted.SentAsync();
        Assert.DoesNotContain(sent, c => c.IsCreateConversation);
        Assert.Single(sent, c => c.IsPost && c.ConversationId == Chat.Personal(Person.Maria).Id);
    }

    [Fact]
    public async Task After_an_install_and_a_restart_an_owner_is_reached_in_a_new_1on1_chat()
    {
        // Fiona adds the bot to the team, Maria with her; then starts a deliberation there with Maria as owner.
        await Host.SendAsync(Activities.BotAdded(ServiceUrl, Person.Fiona, Chat.Channel, Person.Maria));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("500"),
            "start quick-check \"Hotline screening\" owner:<at>Maria Garcia</at>", [Activities.Mention(Person.Maria)], id: "500"));
        var before = await Host.SentAsync();
        Assert.DoesNotContain(before, c => c.Method == "GET"); // Maria was known from the install: no roster look-up
        Assert.Equal("aad-maria", Assert.Single((await Host.SingleDeliberationAsync()).Owners).Id);
        var stored = await Db.TeamsStateAsync(Activities.Tenant);
        Assert.Contains(stored, r => r is { Kind: "conversation", Key: Chat.ChannelId });
        Assert.Contains(stored, r => r.Kind == "user" && r.Key == Person.Maria.AadId && r.Json.Contains(Person.Maria.TeamsId, StringComparison.Ordinal));

        // The service restarts; the facilitator records a concern, which goes to the owner privately.
        await Host.DisposeAsync();
        await using var restarted = await TeamsTestHost.StartAsync(Fake, Db);
        await restarted.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("501"), "concern \"The vendor will not share error rates\"", id: "501"));
        var sent = await restarted.SentAsync();

        Assert.DoesNotContain(sent, c => c.Method == "GET");
        var create = Assert.Single(sent, c => c.IsCreateConversation);
        Assert.Equal((Person.Maria.TeamsId, TeamsTestHost.BotId), (create.Body!["members"]![0]!["id"]!.GetValue<string>(), create.Body!["bot"]!["id"]!.GetValue<string>()));
        var notice = Assert.Single(sent, c => c.IsPost && c.ConversationId == Chat.Personal(Person.Maria).Id);
        Assert.Contains("Concerns for you", notice.CardText, StringComparison.Ordinal);
        Assert.Contains("The vendor will not share error rates", notice.CardText, StringComparison.Ordinal);
        var maria = await restarted.References.FindUserAsync(Activities.Tenant, Person.Maria.TeamsId, CancellationToken.None);
        Assert.Equal(Chat.Personal(Person.Maria).Id, maria?.ConversationId); // kept for next time
    }

    [Fact]
    public async Task A_title_and_a_concern_with_quotation_marks_and_a_mention_inside_reach_the_owner_as_typed()
    {
        // Teams sends the message's text as HTML, quotation marks and apostrophes as entities.
        await StartOwnedByMariaAsync("&quot;The &quot;quick check&quot; for intake&quot;", "600");
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("601"),
            "concern &quot;The &quot;risk score&quot; hides who&#39;s at risk \u2014 nobody asked the night shift, <at>Maria Garcia</at>&quot;",
            [Activities.Mention(Person.Maria)], id: "601"));
        var sent = await Host.SentAsync();

        Assert.Equal("The \"quick check\" for intake", (await Host.SingleDeliberationAsync()).Title);
        var notice = Assert.Single(sent, c => c.IsPost && c.ConversationId == Chat.Personal(Person.Maria).Id);
        Assert.Contains("The \"risk score\" hides who's at risk \u2014 nobody asked the night shift, @Maria Garcia", notice.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_concern_typed_over_two_lines_reaches_the_owner_on_two_lines()
    {
        // Teams' text joins the lines with a space; the HTML beside it keeps them.
        await StartOwnedByMariaAsync("&quot;Intake&quot;", "610");
        var concern = Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("611"),
            "concern &quot;Night shift wasn&#39;t asked. Who enters the extra fields?&quot;", id: "611");
        await Host.SendAsync(Activities.WithHtml(concern,
            $"<p>{Activities.MentionSpan(0, "DeliberationBot")}&nbsp;concern &quot;Night shift wasn&#39;t asked.</p>\r\n<p>Who enters the extra fields?&quot;</p>"));
        var sent = await Host.SentAsync();

        var d = await Host.SingleDeliberationAsync();
        var stored = Assert.Single(await Host.Store.ListConcernsAsync(Activities.Tenant, d.Id, CancellationToken.None));
        Assert.Equal("Night shift wasn't asked.\nWho enters the extra fields?", stored.Text);
        var notice = Assert.Single(sent, c => c.IsPost && c.ConversationId == Chat.Personal(Person.Maria).Id);
        Assert.Contains("Night shift wasn't asked.\n\nWho enters the extra fields?", notice.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_never_seen_is_found_in_the_roster_of_the_conversation()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("1"), "help", id: "1"));
        await Host.SentAsync();
        Fake.AddToRoster(Person.Sam);

        await QueuePrivateAsync(Host, "roster", Person.Sam);
        var sent = await Host.SentAsync();
        Assert.Contains(sent, c => c.Method == "GET" && c.Path.EndsWith("/members/" + Person.Sam.AadId, StringComparison.Ordinal));
        Assert.Contains(sent, c => c.IsCreateConversation);
        Assert.All(await Db.OutboxAsync(), r => Assert.Equal("delivered", r.Status));
    }

    /// <summary>Fiona adds the bot to the team, Maria with her, and starts a deliberation owned by Maria in a new thread.</summary>
    private async Task StartOwnedByMariaAsync(string title, string thread)
    {
        await Host.SendAsync(Activities.BotAdded(ServiceUrl, Person.Fiona, Chat.Channel, Person.Maria));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread(thread),
            $"start quick-check {title} owner:<at>Maria Garcia</at>", [Activities.Mention(Person.Maria)], id: thread));
        await Host.SentAsync();
    }

    private static async Task QueuePrivateAsync(TeamsTestHost host, string key, Person? to = null)
    {
        var who = to ?? Person.Maria;
        var now = host.Clock.GetUtcNow();
        var destination = Destination.PrivatelyTo(new ConversationRef("teams", Activities.Tenant, Chat.ChannelId), new UserRef(who.AadId, who.Name));
        await host.Store.CommitAsync(new Commit(Activities.Tenant, "proactive/" + key)
        {
            Outbox = [new OutboxMessage(Guid.NewGuid(), Activities.Tenant, "proactive/" + key, destination, new ReminderNotice(Guid.NewGuid(), "Screening", 3, null), now)],
        }, CancellationToken.None);
    }
}
