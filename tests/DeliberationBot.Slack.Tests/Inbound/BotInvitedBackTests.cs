using System.Net;
using System.Text.Json.Nodes;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Inbound;

/// <summary>
/// Someone removed the bot from a private channel while its deliberation ran: the facilitator was told at once, and
/// again when the summary and the closed card could not reach the channel. Invited back (Slack sends
/// <c>member_joined_channel</c> for the bot), what failed there is posted, without an administrator.
/// </summary>
public sealed class BotInvitedBackTests : SlackHostTest
{
    private const string Private = "G0NIGHTS";

    [Fact]
    public async Task Invited_back_the_bot_posts_what_could_not_reach_the_channel_once()
    {
        await Host.CommandAsync(SlackPayloads.Command("start quick-check \"Night roster\"", "U0DANA", "dana", channel: Private));
        await Host.SettleOutboxAsync();
        var removed = true;
        Api.Override = call => removed && call.Method is "chat.postMessage" or "chat.update" && ChannelOf(call) == Private ? FakeResponse.Error("channel_not_found") : null;

        // Removed, the bot tells the facilitator at once, privately, once however often Slack delivers the event.
        Assert.Equal(HttpStatusCode.OK, (await Host.EventAsync(Left("Ev0LEFT"))).StatusCode);
        await Host.EventAsync(Left("Ev0LEFT"));
        await Host.SettleOutboxAsync();
        var told = Assert.Single(Api.CallsTo("chat.postMessage"), c => c.Strings.Contains("I was removed", StringComparison.Ordinal));
        Assert.Equal("D0U0DANA", ChannelOf(told));
        Assert.Contains("I was removed from the conversation where \"Night roster\" is open, so I can no longer post there, and replies written there don't reach me. " +
            "Add me back to it: what could not be posted meanwhile is posted as soon as I am back.", told.Strings, StringComparison.Ordinal);

        await Host.CommandAsync(SlackPayloads.Command("close", "U0DANA", "dana", channel: Private));
        await Host.SettleOutboxAsync();
        var failed = (await Host.Db.OutboxAsync()).Where(r => r.Status == "failed").ToList();
        Assert.Equal(2, failed.Count);
        var notice = await Api.WaitForAsync("chat.postMessage", c => c.Strings.Contains("did not reach the conversation: the summary", StringComparison.Ordinal));
        Assert.Contains("If I was removed from the conversation, or never added to it, add me to it: what did not reach it is sent again as soon as I am back.", notice.Strings, StringComparison.Ordinal);
        Assert.DoesNotContain("placeholder", notice.Strings, StringComparison.Ordinal);
        Assert.Contains(Api.CallsTo("chat.postMessage"), c => c.Strings.Contains("did not reach the conversation: the deliberation card (chat.update: channel_not_found)", StringComparison.Ordinal));

        // Someone else joining the channel changes nothing.
        removed = false;
        var sentBefore = Api.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, (await Host.EventAsync(Joined("U0ANA", "Ev0ANA"))).StatusCode);
        await Host.SettleOutboxAsync();
        Assert.Equal(2, (await Host.Db.OutboxAsync()).Count(r => r.Status == "failed"));
        Assert.Equal(sentBefore, Api.Calls.Count);

        // The bot invited back: the summary is posted and the card shows the deliberation closed, once each.
        Assert.Equal(HttpStatusCode.OK, (await Host.EventAsync(Joined(SlackPayloads.Bot, "Ev0BOT"))).StatusCode);
        await Host.SettleOutboxAsync();
        Assert.DoesNotContain(await Host.Db.OutboxAsync(), r => r.Status == "failed");
        var summary = Assert.Single(Api.CallsTo("chat.postMessage"), c => ChannelOf(c) == Private && c.Strings.Contains("Summary", StringComparison.Ordinal) && c.ResponseJson.GetProperty("ok").GetBoolean());
        Assert.Contains("Night roster", summary.Strings, StringComparison.Ordinal);
        Assert.Contains(Api.CallsTo("chat.update"), c => ChannelOf(c) == Private && c.ResponseJson.GetProperty("ok").GetBoolean() && c.Strings.Contains("Closed", StringComparison.Ordinal));

        // Slack delivering the event again, or the bot joining once more, sends nothing twice.
        var sent = Api.Calls.Count;
        await Host.EventAsync(Joined(SlackPayloads.Bot, "Ev0BOT"));
        await Host.EventAsync(Joined(SlackPayloads.Bot, "Ev0BOT2"));
        await Host.SettleOutboxAsync();
        Assert.Equal(sent, Api.Calls.Count);
    }

    /// <summary>The chat.* methods are sent as JSON.</summary>
    private static string? ChannelOf(RecordedCall call) =>
        call.ContentType?.Contains("json", StringComparison.Ordinal) == true && call.Json.TryGetProperty("channel", out var channel) ? channel.GetString() : null;

    [Fact]
    public async Task Removed_from_a_public_channel_the_bot_says_it_still_posts_there_but_no_longer_hears_replies()
    {
        await Host.CommandAsync(SlackPayloads.Command("start quick-check \"Road repairs\"", "U0DANA", "dana"));
        await Host.SettleOutboxAsync();
        Assert.Contains(ReplyInTheThread, Api.CallsTo("chat.postMessage").Single(c => ChannelOf(c) == SlackPayloads.Channel).Strings, StringComparison.Ordinal);
        await Host.EventAsync(Left("Ev0PUBLIC", "channel_left", SlackPayloads.Channel));
        await Host.EventAsync(Left("Ev0PUBLIC", "channel_left", SlackPayloads.Channel));
        await Host.SettleOutboxAsync();

        var told = Assert.Single(Api.CallsTo("chat.postMessage"), c => c.Strings.Contains("I was removed", StringComparison.Ordinal));
        Assert.Equal("D0U0DANA", ChannelOf(told));
        Assert.Contains("I was removed from the conversation where \"Road repairs\" is open: I can still post there, but replies written there no longer reach me, " +
            "so its message now asks people to press Answer instead. Add me back to it so that replies count again.", told.Strings, StringComparison.Ordinal);
        // Its card no longer invites replies that would be lost, once however often Slack delivers the event.
        var unheard = Assert.Single(Api.CallsTo("chat.update"), c => ChannelOf(c) == SlackPayloads.Channel);
        Assert.Contains("Press *Answer* to take part. Replies in this thread don't reach me.", unheard.Strings, StringComparison.Ordinal);
        Assert.DoesNotContain(ReplyInTheThread, unheard.Strings, StringComparison.Ordinal);

        // Back in the channel, the bot invites replies again.
        await Host.EventAsync(Joined(SlackPayloads.Bot, "Ev0BACK", SlackPayloads.Channel));
        await Host.SettleOutboxAsync();
        Assert.Contains(ReplyInTheThread, Api.CallsTo("chat.update").Last(c => ChannelOf(c) == SlackPayloads.Channel).Strings, StringComparison.Ordinal);
        Assert.False((await Host.DeliberationAsync(SlackPayloads.Channel)).RepliesUnheard);

        // Removed from a channel with no deliberation open, the bot tells nobody.
        await Host.EventAsync(Left("Ev0ELSEWHERE", "channel_left", "C0ELSEWHERE"));
        await Host.SettleOutboxAsync();
        Assert.Single(Api.CallsTo("chat.postMessage"), c => c.Strings.Contains("I was removed", StringComparison.Ordinal));
    }

    private static JsonObject Left(string eventId, string type = "group_left", string channel = Private) => SlackPayloads.Event(new JsonObject
    {
        ["type"] = type,
        ["channel"] = channel,
        ["actor_id"] = "U0LEE",
        ["event_ts"] = "1700000050.000100",
    }, eventId);

    private const string ReplyInTheThread = "or reply in this thread to answer your current question";

    private static JsonObject Joined(string user, string eventId, string channel = Private) => SlackPayloads.Event(new JsonObject
    {
        ["type"] = "member_joined_channel",
        ["user"] = user,
        ["channel"] = channel,
        ["channel_type"] = channel == Private ? "G" : "C",
        ["team"] = SlackPayloads.Team,
        ["inviter"] = "U0DANA",
        ["event_ts"] = "1700000100.000100",
    }, eventId);
}
