using System.Text.Json.Nodes;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Answering;

/// <summary>
/// A reply in the thread is an answer however it was sent: also to the channel, or with a file attached; the next question
/// says which one it answered.
/// </summary>
public sealed class ThreadReplyKindsTests : SlackHostTest
{
    [Theory]
    [InlineData("thread_broadcast")]
    [InlineData("file_share")]
    public async Task A_reply_sent_to_the_channel_too_or_with_a_file_answers_in_its_words(string subtype)
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        var card = await Host.CardAsync(d);
        await Host.Answering.JoinAsync(SlackPayloads.Person("U0ANN", "ann"), d.Id, StakeholderGroup.FrontlineWorker, false, "seed-join", CancellationToken.None);
        var reply = SlackPayloads.Message("U0ANN", "It sorts calls by risk, see the screenshot", "1700000600.000001", card.MessageId);
        reply["subtype"] = subtype;
        if (subtype == "file_share")
        {
            reply["files"] = new JsonArray(new JsonObject { ["id"] = "F0SHOT", ["name"] = "screen.png" });
        }

        await Host.EventAsync(SlackPayloads.Event(reply));

        var next = await Api.WaitForAsync("chat.postEphemeral");
        Assert.Contains("Whose lives", next.Strings, StringComparison.Ordinal);
        Assert.Contains("Your reply in the thread is your answer to \"In a sentence or two, what is this tool supposed to do?\"", next.Strings, StringComparison.Ordinal);
        var answer = Assert.Single(await Host.AnswersAsync(d));
        Assert.Equal(("purpose", "It sorts calls by risk, see the screenshot"), (answer.QuestionId, answer.Value.Text));
    }

    [Fact]
    public async Task A_mention_of_the_bot_in_the_thread_that_reads_as_a_command_runs_it_and_prose_still_answers()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        var card = await Host.CardAsync(d);
        await Host.Answering.JoinAsync(SlackPayloads.Person("U0ANN", "ann"), d.Id, StakeholderGroup.FrontlineWorker, false, "seed-join", CancellationToken.None);

        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0ANN", $"<@{SlackPayloads.Bot}> status", "1700000600.000002", card.MessageId, type: "app_mention")));
        var status = await Api.WaitForAsync("chat.postEphemeral");
        Assert.Contains("Predictive screening", status.Strings, StringComparison.Ordinal);
        Assert.DoesNotContain("Whose lives", status.Strings, StringComparison.Ordinal);
        Assert.Empty(await Host.AnswersAsync(d));

        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message(
            "U0ANN", $"<@{SlackPayloads.Bot}> Help screeners decide which calls to follow up", "1700000600.000003", card.MessageId, type: "app_mention")));
        Assert.Equal("Help screeners decide which calls to follow up", Assert.Single(await Host.AnswersAsync(d)).Value.Text);
    }

    [Fact]
    public async Task A_file_sent_without_words_is_said_not_to_be_kept_and_answers_nothing()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        var card = await Host.CardAsync(d);
        await Host.Answering.JoinAsync(SlackPayloads.Person("U0ANN", "ann"), d.Id, StakeholderGroup.FrontlineWorker, false, "seed-join", CancellationToken.None);
        var reply = SlackPayloads.Message("U0ANN", "", "1700000600.000004", card.MessageId);
        reply["subtype"] = "file_share";
        reply["files"] = new JsonArray(new JsonObject { ["id"] = "F0SHOT", ["name"] = "screen.png" });

        await Host.EventAsync(SlackPayloads.Event(reply));

        Assert.Contains("the picture or file you sent was not kept", (await Api.WaitForAsync("chat.postEphemeral")).Strings, StringComparison.Ordinal);
        Assert.Empty(await Host.AnswersAsync(d));
    }

    [Fact]
    public async Task A_command_in_an_older_deliberations_thread_is_about_that_deliberation()
    {
        var older = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        var card = await Host.CardAsync(older);
        Host.Time.Advance(TimeSpan.FromMinutes(5));
        await Host.StartDeliberationAsync("start quick-check \"Road repair ranking\"");
        await Host.SettleOutboxAsync();
        var before = Api.CallsTo("chat.postEphemeral").Count;

        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0ANN", $"<@{SlackPayloads.Bot}> status", "1700000600.000005", card.MessageId, type: "app_mention")));
        await Host.SettleOutboxAsync();

        var status = Api.CallsTo("chat.postEphemeral").Skip(before).Single();
        Assert.Contains("Predictive screening", status.Strings, StringComparison.Ordinal);
        Assert.DoesNotContain("Road repair ranking", status.Strings, StringComparison.Ordinal);
    }
}
