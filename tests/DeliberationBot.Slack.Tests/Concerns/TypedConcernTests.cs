using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Concerns;

/// <summary>What a facilitator types reaches the proposal's owner in the words it was typed in.</summary>
public sealed class TypedConcernTests : SlackHostTest
{
    [Fact]
    public async Task A_title_and_a_concern_with_quotation_marks_inside_reach_the_owner_as_typed()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"The \"quick check\" for intake\" owner:<@U0MARIA|maria>", "U0DANA", "dana");
        await Host.SettleOutboxAsync();
        await Host.CommandAsync("concern \"A court could read the \"score\" as a finding \u2014 it isn't one\"", "U0DANA", "dana");
        await Host.SettleOutboxAsync();

        Assert.Equal("The \"quick check\" for intake", d.Title);
        var notice = Assert.Single(Api.CallsTo("chat.postMessage"), c => c.Json.GetProperty("channel").GetString() == "D0U0MARIA");
        Assert.Contains("“A court could read the \"score\" as a finding \u2014 it isn't one", notice.Strings, StringComparison.Ordinal);
        Assert.Contains("The \"quick check\" for intake", notice.Strings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewording_a_concern_typed_to_the_bot_says_the_owners_keep_the_first_words_and_how_to_send_the_new_ones()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Intake screening\" owner:<@U0MARIA|maria>", "U0DANA", "dana");
        await Host.SettleOutboxAsync();
        const string Ts = "1700000500.000001";
        var first = $"<@{SlackPayloads.Bot}> concern \"Nobody asked the nigth shift\"";
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0DANA", first, Ts, type: "app_mention")));
        await Host.SettleOutboxAsync();

        var edit = SlackPayloads.Event(SlackPayloads.MessageChanged(
            "U0DANA", $"<@{SlackPayloads.Bot}> concern \"Nobody asked the night shift or the families\"", first, Ts, Ts, "1700000600.000001"));
        await Host.EventAsync(edit);
        await Host.EventAsync(edit, h => h.Add("X-Slack-Retry-Num", "1"));
        await Host.SettleOutboxAsync();

        Assert.Equal(2, Api.CallsTo("chat.postEphemeral").Count); // "Recorded concern #1", then this, once
        var told = Api.CallsTo("chat.postEphemeral")[^1];
        Assert.Equal("U0DANA", told.Json.GetProperty("user").GetString());
        Assert.False(told.Json.TryGetProperty("thread_ts", out _)); // beside the message, not in a thread of its own
        Assert.Contains(
            "An edited message is not run again, so the owners do not get these words. To raise this concern as it reads now, send it to me again in a new message: concern \"Nobody asked the night shift or the families\"",
            told.Strings, StringComparison.Ordinal);
        Assert.Equal("Nobody asked the nigth shift", Assert.Single(await Host.Store.ListConcernsAsync(d.WorkspaceId, d.Id, default)).Text);
    }

    [Fact]
    public async Task Edits_of_other_messages_to_the_bot_or_of_messages_not_to_it_say_nothing()
    {
        await Host.StartDeliberationAsync("start quick-check \"Intake screening\"", "U0DANA", "dana");
        await Host.SettleOutboxAsync();

        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.MessageChanged(
            "U0DANA", $"<@{SlackPayloads.Bot}> close", $"<@{SlackPayloads.Bot}> status", "1700000500.000002", "1700000500.000002", "1700000600.000002")));
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.MessageChanged(
            "U0DANA", "concern \"to nobody\"", "hello", "1700000500.000003", "1700000500.000003", "1700000600.000003")));
        await Host.SettleOutboxAsync();

        Assert.Empty(Api.CallsTo("chat.postEphemeral"));
    }
}
