using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Inbound;

/// <summary>
/// <c>/deliberate start</c> typed in a private channel the bot was never invited to, or in a direct message between
/// people: Slack delivers the command, but the bot could post nothing there, so nothing is started and the person is
/// told how to invite it.
/// </summary>
public sealed class StartWhereTheBotIsNotTests : SlackHostTest
{
    private const string Hidden = "G0HIDDEN";

    [Fact]
    public async Task Starting_where_the_bot_cannot_post_starts_nothing_and_says_how_to_invite_it()
    {
        Api.Override = call => call.Method == "conversations.info" && call.Form("channel") == Hidden ? FakeResponse.Error("channel_not_found") : null;

        var typed = await SlackTestHost.JsonAsync(await Host.CommandAsync(SlackPayloads.Command("start quick-check \"Hidden pilot\"", "U0DANA", "dana", channel: Hidden)));
        var form = await SlackTestHost.JsonAsync(await Host.CommandAsync(SlackPayloads.Command("start", "U0DANA", "dana", channel: Hidden)));
        await Host.SettleOutboxAsync();

        foreach (var reply in new[] { typed, form })
        {
            Assert.Equal("ephemeral", reply.GetProperty("response_type").GetString());
            Assert.Contains("I'm not in this conversation, so nobody here could see the deliberation. Invite me first with /invite @DeliberationBot", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        }

        Assert.Null(await Host.Store.FindLatestOpenAsync(SlackPayloads.Team, "slack", Hidden, default));
        Assert.Empty(Api.CallsTo("chat.postMessage"));
        Assert.Empty(Api.CallsTo("views.open"));

        // Invited, the same command starts it.
        Api.Override = null;
        await Host.CommandAsync(SlackPayloads.Command("start quick-check \"Hidden pilot\"", "U0DANA", "dana", channel: Hidden));
        Assert.Equal("Hidden pilot", (await Host.Store.FindLatestOpenAsync(SlackPayloads.Team, "slack", Hidden, default))?.Title);
    }

    [Fact]
    public async Task Other_commands_do_not_ask_and_a_public_channel_the_bot_is_not_in_still_starts()
    {
        await Host.CommandAsync("help", "U0DANA", "dana");
        Assert.Empty(Api.CallsTo("conversations.info"));

        // Slack answers conversations.info for any public channel; the bot posts there with chat:write.public.
        await Host.CommandAsync("start quick-check \"Open pilot\"", "U0DANA", "dana");
        Assert.Single(Api.CallsTo("conversations.info"));
        Assert.Equal("Open pilot", (await Host.DeliberationAsync()).Title);
    }
}
