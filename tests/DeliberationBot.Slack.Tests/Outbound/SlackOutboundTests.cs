using System.Text.Json.Nodes;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.Rendering;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack.Tests.Outbound;

/// <summary>The Web API client and the outbox sender against the recording Slack API.</summary>
public sealed class SlackOutboundTests : SlackHostTest
{
    private const string Team = SlackPayloads.Team;
    private SlackApiClient Client => Host.Services.GetRequiredService<SlackApiClient>();

    private IChannelSender Sender => Host.Services.GetServices<IChannelSender>().Single(s => s.Channel == "slack");

    private OutboxItem Item(Destination destination, OutgoingMessage message, PostedMessage? previous = null) =>
        new(new OutboxMessage(Guid.NewGuid(), Team, Guid.NewGuid().ToString(), destination, message, Host.Time.GetUtcNow()), 1, previous);

    private static ConversationRef Conversation(string? thread = null) => new("slack", Team, SlackPayloads.Channel, thread);

    [Fact]
    public async Task A_429_is_honoured_the_message_waits_Retry_After_and_then_goes_out()
    {
        Api.Enqueue("chat.postMessage", FakeResponse.RateLimited(3));
        await Host.CommandAsync("start quick-check \"Rate limited\"");

        await Host.SettleOutboxAsync();
        Assert.Single(Api.CallsTo("chat.postMessage"));
        var row = Assert.Single(await Host.Db.OutboxAsync());
        Assert.Equal("pending", row.Status);
        Assert.Equal(Host.Time.GetUtcNow() + TimeSpan.FromSeconds(3), row.NextAttemptAt);

        Host.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await Host.DispatchOnceAsync());
        Assert.Single(Api.CallsTo("chat.postMessage"));

        Host.Time.Advance(TimeSpan.FromSeconds(1));
        await Host.SettleOutboxAsync();
        Assert.Equal(2, Api.CallsTo("chat.postMessage").Count);
        Assert.Equal("delivered", Assert.Single(await Host.Db.OutboxAsync()).Status);
        var posted = Api.CallsTo("chat.postMessage")[1].ResponseJson;
        Assert.Equal((await Host.DeliberationAsync()).CardSlot,
            await Host.Outbox.FindSlotAsync(Team, posted.GetProperty("channel").GetString()!, posted.GetProperty("ts").GetString()!, default));
        Assert.Contains(Host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("chat.postMessage rate-limited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_rate_limited_other_calls_to_the_same_method_wait_without_reaching_Slack()
    {
        Api.Enqueue("chat.postEphemeral", FakeResponse.RateLimited(30));
        var first = await Sender.SendAsync(Item(Destination.EphemeralTo(Conversation(), new UserRef("U1")), new Confirmation("one")), default);
        var second = await Sender.SendAsync(Item(Destination.EphemeralTo(Conversation(), new UserRef("U2")), new Confirmation("two")), default);

        Assert.Equal(SendStatus.Deferred, first.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), first.RetryAfter);
        Assert.True(first.PausesWorkspace);
        Assert.Equal(TimeSpan.FromSeconds(0.6), first.Pace); // chat.postEphemeral's tier: about 100 a minute
        Assert.Equal(SendStatus.Deferred, second.Status);
        Assert.True(second.RetryAfter <= TimeSpan.FromSeconds(30));
        Assert.Single(Api.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public async Task Ok_false_is_logged_with_method_and_error_and_surfaced_as_a_failure()
    {
        Api.Enqueue("chat.postMessage", FakeResponse.Error("channel_not_found"));
        await Host.CommandAsync("start quick-check \"Nowhere\"");

        await Host.SettleOutboxAsync();

        var row = Assert.Single(await Host.Db.OutboxAsync(), r => r.Status == "failed");
        Assert.Equal("chat.postMessage: channel_not_found", row.LastError);
        // The facilitator hears, privately, what did not reach whom (queued when the failure is recorded).
        var notice = await Api.WaitForAsync("chat.postMessage", c => c.Strings.Contains("did not reach", StringComparison.Ordinal));
        Assert.Equal("D0U0USER", notice.Json.GetProperty("channel").GetString());
        Assert.Contains("A message of \"Nowhere\" did not reach the conversation: the deliberation card (chat.postMessage: channel_not_found). " +
            "If I was removed from the conversation, or never added to it, add me to it: what did not reach it is sent again as soon as I am back. " +
            "Otherwise an administrator can send failed messages again", notice.Strings, StringComparison.Ordinal);
        Assert.Contains(Host.Logs.Entries, e => e.Level == LogLevel.Warning &&
            e.Message.Contains("Slack chat.postMessage failed for workspace T0TEST: channel_not_found", StringComparison.Ordinal));

        Api.Enqueue("views.open", FakeResponse.Error("expired_trigger_id"));
        var result = await Client.OpenViewAsync(Team, "old-trigger", new JsonObject { ["type"] = "modal" }, default);
        Assert.Equal(SlackApiStatus.Error, result.Status);
        Assert.Equal("expired_trigger_id", result.Error);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_back_off_in_process_and_then_left_to_the_outbox()
    {
        Api.Enqueue("conversations.open", new FakeResponse(503, "unavailable"), FakeResponse.Error("internal_error"));
        var delivered = await Sender.SendAsync(Item(Destination.PrivatelyTo(Conversation(), new UserRef("U1")), new Confirmation("hello")), default);
        Assert.Equal(SendStatus.Delivered, delivered.Status);
        Assert.Equal(3, Api.CallsTo("conversations.open").Count);

        Api.Enqueue("conversations.open", new FakeResponse(500, ""), new FakeResponse(502, ""), new FakeResponse(503, ""));
        var retry = await Sender.SendAsync(Item(Destination.PrivatelyTo(Conversation(), new UserRef("U2")), new Confirmation("again")), default);
        Assert.Equal(SendStatus.RetryLater, retry.Status);
        Assert.Equal("conversations.open: http_503", retry.Error);
    }

    [Fact]
    public async Task A_post_that_fails_on_the_way_back_is_not_repeated_in_process()
    {
        Api.Enqueue("chat.postMessage", new FakeResponse(503, "unavailable"));
        var result = await Sender.SendAsync(Item(Destination.To(Conversation()), new Confirmation("hello")), default);

        Assert.Equal(SendStatus.RetryLater, result.Status);
        Assert.Single(Api.CallsTo("chat.postMessage")); // the outbox looks for it before posting again
    }

    [Fact]
    public async Task Conversation_messages_post_in_the_thread_or_update_in_place_and_repost_when_the_old_one_is_gone()
    {
        var posted = await Sender.SendAsync(Item(Destination.To(Conversation("1700000000.000001")), new Confirmation("in thread")), default);
        var post = Api.CallsTo("chat.postMessage").Single();
        Assert.Equal("1700000000.000001", post.Json.GetProperty("thread_ts").GetString());
        Assert.Equal(SlackPayloads.Channel, posted.Posted!.ConversationId);

        var updated = await Sender.SendAsync(Item(Destination.To(Conversation()), new Confirmation("updated"), posted.Posted), default);
        var update = Api.CallsTo("chat.update").Single();
        Assert.Equal(posted.Posted.MessageId, update.Json.GetProperty("ts").GetString());
        Assert.Equal(posted.Posted, updated.Posted);

        Api.Enqueue("chat.update", FakeResponse.Error("message_not_found"));
        var reposted = await Sender.SendAsync(Item(Destination.To(Conversation()), new Confirmation("again"), posted.Posted), default);
        Assert.Equal(SendStatus.Delivered, reposted.Status);
        Assert.NotEqual(posted.Posted.MessageId, reposted.Posted!.MessageId);
        Assert.Equal(2, Api.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task Private_messages_open_a_direct_conversation_and_ephemeral_ones_go_to_the_user()
    {
        var dm = await Sender.SendAsync(Item(Destination.PrivatelyTo(Conversation(), new UserRef("U0MARIA")), new Confirmation("psst")), default);
        Assert.Equal("U0MARIA", Api.CallsTo("conversations.open").Single().Json.GetProperty("users").GetString());
        Assert.Equal("D0U0MARIA", Api.CallsTo("chat.postMessage").Single().Json.GetProperty("channel").GetString());
        Assert.Equal("D0U0MARIA", dm.Posted!.ConversationId);

        var ephemeral = await Sender.SendAsync(Item(Destination.EphemeralTo(Conversation("1700000000.5"), new UserRef("U0BOB")), new Confirmation("only you")), default);
        var call = Api.CallsTo("chat.postEphemeral").Single();
        Assert.Equal(SendStatus.Delivered, ephemeral.Status);
        Assert.Equal("U0BOB", call.Json.GetProperty("user").GetString());
        Assert.Equal("1700000000.5", call.Json.GetProperty("thread_ts").GetString());
        Assert.Equal("only you", call.Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_persons_direct_conversation_is_opened_once_and_then_written_to_directly()
    {
        await Sender.SendAsync(Item(Destination.PrivatelyTo(Conversation(), new UserRef("U0MARIA")), new Confirmation("first")), default);
        var second = await Sender.SendAsync(Item(Destination.PrivatelyTo(Conversation(), new UserRef("U0MARIA")), new Confirmation("second")), default);
        await Sender.SendAsync(Item(Destination.PrivatelyTo(Conversation(), new UserRef("U0BOB")), new Confirmation("for bob")), default);

        Assert.Equal(["U0MARIA", "U0BOB"], Api.CallsTo("conversations.open").Select(c => c.Json.GetProperty("users").GetString()));
        Assert.Equal(["D0U0MARIA", "D0U0MARIA", "D0U0BOB"], Api.CallsTo("chat.postMessage").Select(c => c.Json.GetProperty("channel").GetString()));
        Assert.Equal("second", Api.CallsTo("chat.postMessage")[1].Json.GetProperty("text").GetString());
        Assert.Equal("D0U0MARIA", second.Posted!.ConversationId);
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("is_archived")]
    public async Task A_remembered_direct_conversation_Slack_no_longer_knows_is_opened_again_in_the_same_send(string error)
    {
        await Sender.SendAsync(Item(Destination.PrivatelyTo(Conversation(), new UserRef("U0MARIA")), new Confirmation("before")), default);

        Api.Enqueue("chat.postMessage", FakeResponse.Error(error));
        Api.Enqueue("conversations.open", FakeResponse.Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = "D9MARIA" } }));
        var sent = await Sender.SendAsync(Item(Destination.PrivatelyTo(Conversation(), new UserRef("U0MARIA")), new Confirmation("after")), default);
        await Sender.SendAsync(Item(Destination.PrivatelyTo(Conversation(), new UserRef("U0MARIA")), new Confirmation("later")), default);

        Assert.Equal(SendStatus.Delivered, sent.Status);
        Assert.Equal("D9MARIA", sent.Posted!.ConversationId);
        Assert.Equal(2, Api.CallsTo("conversations.open").Count);
        Assert.Equal(
            [("D0U0MARIA", "before"), ("D0U0MARIA", "after"), ("D9MARIA", "after"), ("D9MARIA", "later")],
            Api.CallsTo("chat.postMessage").Select(c => (c.Json.GetProperty("channel").GetString(), c.Json.GetProperty("text").GetString())));
    }

    [Fact]
    public async Task A_post_to_a_direct_conversation_refused_for_another_reason_fails_without_opening_it_again()
    {
        await Sender.SendAsync(Item(Destination.PrivatelyTo(Conversation(), new UserRef("U0MARIA")), new Confirmation("before")), default);

        Api.Enqueue("chat.postMessage", FakeResponse.Error("msg_too_long"));
        var sent = await Sender.SendAsync(Item(Destination.PrivatelyTo(Conversation(), new UserRef("U0MARIA")), new Confirmation("after")), default);

        Assert.Equal(SendStatus.Failed, sent.Status);
        Assert.Equal("chat.postMessage: msg_too_long", sent.Error);
        Assert.Single(Api.CallsTo("conversations.open"));
    }

    [Fact]
    public async Task Users_info_is_sent_form_encoded_with_the_bot_token()
    {
        var result = await Client.UserInfoAsync(Team, "U0MARIA", default);

        Assert.True(result.Ok);
        Assert.Equal("maria", result.GetString("user", "name"));
        var call = Api.CallsTo("users.info").Single();
        Assert.Equal("Bearer xoxb-test-token", call.Authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", call.ContentType, StringComparison.Ordinal);
        Assert.Equal("U0MARIA", call.Form("user"));
    }

    [Fact]
    public async Task Without_a_token_for_the_workspace_nothing_is_sent_and_the_message_fails()
    {
        var tokens = new NoTokens();
        var client = new SlackApiClient(Host.Services.GetRequiredService<IHttpClientFactory>(), tokens, new SlackRateLimitGate(Host.Time),
            Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SlackOptions>>(), Host.Services.GetRequiredService<ILogger<SlackApiClient>>());

        var result = await client.PostMessageAsync("T0OTHER", "C1", MessageRenderer.Render(new Confirmation("x")), null, null, default);

        Assert.Equal(SlackApiStatus.Error, result.Status);
        Assert.Equal("no_bot_token_for_workspace", result.Error);
        Assert.Empty(Api.Calls);
    }

    private sealed class NoTokens : ISlackTokenSource
    {
        public ValueTask<string?> BotTokenForAsync(string teamId, CancellationToken ct) => ValueTask.FromResult<string?>(null);
    }
}
