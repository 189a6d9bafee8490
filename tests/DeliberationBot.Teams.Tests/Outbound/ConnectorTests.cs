using System.Net;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Installation;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Outbound;

/// <summary>How the Bot Connector client sends, retries and refuses (protocols.md B).</summary>
public sealed class ConnectorTests : HostTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private async Task QueueHelpReplyAsync() =>
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("42"), "help", id: "42"));

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After()
    {
        Fake.Fail(c => c.IsPost, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1));
        await QueueHelpReplyAsync();

        // The retry waits exactly the Retry-After on the service's clock, and nothing is posted before it has passed.
        using var cts = new CancellationTokenSource(Timeout);
        await Host.Clock.WaitForWaitAsync(TimeSpan.FromSeconds(1), 0, cts.Token);
        Assert.Single(Fake.Calls, c => c.IsPost);
        Host.Clock.Advance(TimeSpan.FromSeconds(1));

        var sent = await Host.SentAsync();
        Assert.Equal(2, sent.Count(c => c.IsPost));
        Assert.Equal("delivered", Assert.Single(await Db.OutboxAsync()).Status);
    }

    [Fact]
    public async Task Moving_the_clock_waits_for_a_send_in_flight_so_it_does_not_time_out_a_call_that_took_no_time()
    {
        var held = Fake.Hold(c => c.IsPost);
        await QueueHelpReplyAsync();
        await Fake.WaitForAsync(c => c.IsPost); // the reply is in flight, and stays there until released

        // Longer than a connector call may take (Teams:ConnectorTimeout, 15 s): moved at once, the post would time out
        // and, since it may have gone through, be given up as failed.
        var moving = Host.AdvanceAsync(TimeSpan.FromSeconds(20));
        held.SetResult();
        await moving;

        Assert.Equal("delivered", Assert.Single(await Db.OutboxAsync()).Status);
        Assert.Single(await Host.SentAsync(), c => c.IsPost);
    }

    [Fact]
    public async Task A_long_Retry_After_goes_back_to_the_outbox_which_waits_that_long()
    {
        Fake.Fail(c => c.IsPost, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(120));
        var before = Host.Clock.GetUtcNow();
        await QueueHelpReplyAsync();

        Assert.Single(await Host.SentAsync());
        var row = Assert.Single(await Db.OutboxAsync());
        Assert.Equal("pending", row.Status);
        Assert.InRange(row.NextAttemptAt - before, TimeSpan.FromSeconds(119), TimeSpan.FromSeconds(130));

        Host.Clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Empty(await Host.SentAsync()); // not due yet
        Host.Clock.Advance(TimeSpan.FromSeconds(21));
        Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Equal("delivered", Assert.Single(await Db.OutboxAsync()).Status);
    }

    [Fact]
    public async Task A_post_that_may_have_gone_through_is_not_sent_again()
    {
        Fake.Fail(c => c.IsPost, HttpStatusCode.BadGateway, times: 5);
        await QueueHelpReplyAsync();

        Assert.Single(await Host.SentAsync());
        var row = Assert.Single(await Db.OutboxAsync());
        Assert.Equal("failed", row.Status);
        Assert.Contains("may have been delivered", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_is_safe_to_repeat_and_is_retried_after_a_5xx()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Retry me\""));
        await Host.SentAsync();
        Fake.Fail(c => c.IsUpdate, HttpStatusCode.ServiceUnavailable);
        var waits = Host.Clock.AllWaits;
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));

        // The failed update waits a back-off on the service's clock, then is sent again.
        using var cts = new CancellationTokenSource(Timeout);
        var backoff = await Host.Clock.WaitForWaitAsync(due => due > TimeSpan.Zero && due <= TimeSpan.FromSeconds(2), waits, cts.Token);
        Host.Clock.Advance(backoff);

        var sent = await Host.SentAsync();
        Assert.Equal(2, sent.Count(c => c.IsUpdate));
        Assert.All(await Db.OutboxAsync(), r => Assert.Equal("delivered", r.Status));
    }

    [Fact]
    public async Task Conversation_ids_are_url_encoded()
    {
        await QueueHelpReplyAsync();
        var call = Assert.Single(await Host.SentAsync());
        Assert.Contains("19%3Ageneral%40thread.tacv2%3Bmessageid%3D42/activities/42", call.RawTarget, StringComparison.Ordinal);
        Assert.Equal("42", call.Body!["replyToId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tokens_come_from_the_bots_home_tenant_and_are_cached()
    {
        await QueueHelpReplyAsync();
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("43"), "flows", id: "43"));
        var sent = await Host.SentAsync();
        Assert.Equal(2, sent.Count);
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
        var now = Host.Clock.GetUtcNow();
        await Host.References.SaveAsync(new TeamsConversationReference(
            Activities.Tenant, "19:evil@thread.tacv2", "https://attacker.example/", TeamsTestHost.BotId, "channel", null, now), CancellationToken.None);
        await Host.Store.CommitAsync(new Commit(Activities.Tenant, "manual")
        {
            Outbox = [new OutboxMessage(Guid.NewGuid(), Activities.Tenant, "manual/1", Destination.To(new ConversationRef("teams", Activities.Tenant, "19:evil@thread.tacv2")), new Confirmation("hi"), now)],
        }, CancellationToken.None);

        Assert.Empty(await Host.SentAsync());
        Assert.Empty(Fake.TokenRequests);
        var row = Assert.Single(await Db.OutboxAsync());
        Assert.Equal("failed", row.Status);
        Assert.Contains("not a Teams connector host", row.LastError, StringComparison.Ordinal);
    }
}
