using System.Net;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Outbound;

/// <summary>How the Bot Connector client sends, retries and refuses (protocols.md B).</summary>
public sealed class ConnectorTests : HostTest
{
    private async Task QueueHelpReplyAsync() =>
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("42"), "help", id: "42"));

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After()
    {
        await QueueHelpReplyAsync();
        Fake.Fail(c => c.IsPost, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1));

        var sent = await Host.DispatchAsync();
        Assert.Equal(2, sent.Count);
        Assert.True(sent[1].At - sent[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {(sent[1].At - sent[0].At).TotalMilliseconds} ms");
        Assert.Equal(InMemoryStore.State.Delivered, Host.Store.Outbox.Single().State);
    }

    [Fact]
    public async Task A_long_Retry_After_goes_back_to_the_outbox_which_waits_that_long()
    {
        await QueueHelpReplyAsync();
        Fake.Fail(c => c.IsPost, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(120));

        var before = TimeProvider.System.GetUtcNow();
        var sent = await Host.DispatchAsync();
        Assert.Single(sent);
        var row = Host.Store.Outbox.Single();
        Assert.Equal(InMemoryStore.State.Pending, row.State);
        Assert.InRange(row.NotBefore - before, TimeSpan.FromSeconds(119), TimeSpan.FromSeconds(130));
        Assert.Empty(await Host.DispatchAsync()); // not due yet
    }

    [Fact]
    public async Task A_post_that_may_have_gone_through_is_not_sent_again()
    {
        await QueueHelpReplyAsync();
        Fake.Fail(c => c.IsPost, HttpStatusCode.BadGateway, times: 5);

        var sent = await Host.DispatchAsync();
        Assert.Single(sent);
        var row = Host.Store.Outbox.Single();
        Assert.Equal(InMemoryStore.State.Failed, row.State);
        Assert.Contains("may have been delivered", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_is_safe_to_repeat_and_is_retried_after_a_5xx()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Retry me\""));
        await Host.DispatchAsync();
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        Fake.Fail(c => c.IsUpdate, HttpStatusCode.ServiceUnavailable);

        var sent = await Host.DispatchAsync();
        Assert.Equal(2, sent.Count(c => c.IsUpdate));
        Assert.All(Host.Store.Outbox, r => Assert.Equal(InMemoryStore.State.Delivered, r.State));
    }

    [Fact]
    public async Task Conversation_ids_are_url_encoded()
    {
        await QueueHelpReplyAsync();
        var call = Assert.Single(await Host.DispatchAsync());
        Assert.Contains("19%3Ageneral%40thread.tacv2%3Bmessageid%3D42/activities/42", call.RawTarget, StringComparison.Ordinal);
        Assert.Equal("42", call.Body!["replyToId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tokens_come_from_the_bots_home_tenant_and_are_cached()
    {
        await QueueHelpReplyAsync();
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("43"), "flows", id: "43"));
        var sent = await Host.DispatchAsync();
        Assert.All(sent, c => Assert.Equal("Bearer connector-token", c.Authorization));
        var request = Assert.Single(Fake.TokenRequests);
        Assert.StartsWith($"/{TeamsTestHost.HomeTenant}/oauth2/v2.0/token?", request, StringComparison.Ordinal);
        Assert.Contains("grant_type=client_credentials", request, StringComparison.Ordinal);
        Assert.Contains($"client_id={TeamsTestHost.AppId}", request, StringComparison.Ordinal);
        Assert.Contains("scope=https://api.botframework.com/.default", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_url_off_the_allow_list_gets_no_token_and_no_request()
    {
        // A tampered or foreign reference: the sender refuses before attaching the bearer token.
        await Host.References.SaveAsync(new DeliberationBot.Teams.Installation.TeamsConversationReference(
            Activities.Tenant, "19:evil@thread.tacv2", "https://attacker.example/", TeamsTestHost.BotId, "channel", null, TimeProvider.System.GetUtcNow()), CancellationToken.None);
        var store = Host.Store;
        await store.CommitAsync(new Core.Deliberations.Commit(Activities.Tenant, "manual")
        {
            Outbox = [new OutboxMessage(Guid.NewGuid(), Activities.Tenant, "manual/1", Destination.To(new ConversationRef("teams", Activities.Tenant, "19:evil@thread.tacv2")), new Confirmation("hi"), TimeProvider.System.GetUtcNow())],
        }, CancellationToken.None);

        Assert.Empty(await Host.DispatchAsync());
        Assert.Empty(Fake.TokenRequests);
        var row = Host.Store.Outbox.Single();
        Assert.Equal(InMemoryStore.State.Failed, row.State);
        Assert.Contains("not a Teams connector host", row.Error, StringComparison.Ordinal);
    }
}
