using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack.Tests.Inbound;

/// <summary>
/// <c>/deliberate start</c> typed in a private channel the bot was never invited to, or in a direct message between
/// people: Slack delivers the command, but the bot could post nothing there, so nothing is started and the person is
/// told how to invite it. In a public channel it was not invited to, the bot posts the card but would hear no reply in
/// its thread: it joins the channel once the deliberation has started.
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

    [Fact]
    public async Task Started_in_a_public_channel_the_bot_only_posts_in_it_joins_so_that_replies_in_the_thread_reach_it()
    {
        const string Roads = "C0ROADS";
        Api.NotJoined(Roads);

        // A start that fails, or one where the bot is a member, joins nothing.
        await Host.CommandAsync(SlackPayloads.Command("start quick-check", "U0DANA", "dana", channel: Roads));
        await Host.CommandAsync("start quick-check \"Member pilot\"", "U0DANA", "dana");
        Assert.Empty(Api.CallsTo("conversations.join"));

        await Host.CommandAsync(SlackPayloads.Command("start quick-check \"Road repair ranking\"", "U0DANA", "dana", channel: Roads));
        var join = await Api.WaitForAsync("conversations.join");
        Assert.Equal(Roads, join.Form("channel"));
        await Host.SettleOutboxAsync();
        Assert.Single(Api.CallsTo("conversations.join"));
        Assert.DoesNotContain(Api.CallsTo("chat.postEphemeral"), c => c.Strings.Contains("couldn't join", StringComparison.Ordinal));
        Assert.Equal("Road repair ranking", (await Host.DeliberationAsync(Roads)).Title);
    }

    [Fact]
    public async Task Started_by_the_form_the_bot_joins_too_and_where_it_may_not_join_the_facilitator_is_told_how_to_mend_it()
    {
        const string Roads = "C0ROADS";
        Api.NotJoined(Roads);
        Api.Override = call => call.Method == "conversations.join" ? FakeResponse.MissingScope("channels:join") : null;

        await Host.CommandAsync(SlackPayloads.Command("start", "U0DANA", "dana", channel: Roads));
        var form = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        Assert.Empty(Api.CallsTo("conversations.join"));
        var values = Modals.Values(
            ("flow", SlackPayloads.Input("static_select", SlackPayloads.Option("quick-check"))),
            ("title", SlackPayloads.Input("plain_text_input", "Road repair ranking")),
            ("owners", SlackPayloads.Input("multi_users_select", new System.Text.Json.Nodes.JsonArray("U0MARIA"))),
            ("anonymity", SlackPayloads.Input("radio_buttons", SlackPayloads.Option("named"))));
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(form, values, "U0DANA"));

        Assert.Equal(Roads, (await Api.WaitForAsync("conversations.join")).Form("channel"));
        var told = await Api.WaitForAsync("chat.postEphemeral", c => c.Strings.Contains("couldn't join", StringComparison.Ordinal));
        Assert.Equal(("U0DANA", Roads), (told.Json.GetProperty("user").GetString(), told.Json.GetProperty("channel").GetString()));
        Assert.Contains(BotPresence.CannotJoin, told.Strings, StringComparison.Ordinal);
        Assert.Equal("Road repair ranking", (await Host.DeliberationAsync(Roads)).Title);
        // The log says what an administrator can do about it.
        Assert.Contains(Host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message ==
            "Slack conversations.join failed for workspace T0TEST: missing_scope (needs the scope channels:join; reinstall the app to grant it)");
        // Its card asks people to press Answer, rather than reply where the bot can't hear them.
        await Host.SettleOutboxAsync();
        var card = Api.CallsTo("chat.update").Last(c => c.Strings.Contains("Road repair ranking", StringComparison.Ordinal));
        Assert.Contains("Press *Answer* to take part. Replies in this thread don't reach me.", card.Strings, StringComparison.Ordinal);
    }
}
