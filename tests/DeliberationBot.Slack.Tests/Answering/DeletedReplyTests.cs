using System.Net;
using DeliberationBot.Core.Flows;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Answering;

/// <summary>
/// Someone who deletes the thread reply that gave their answer might believe the answer gone. It is kept (it is part of
/// the record, and the deletion may be an admin's), so they are told, privately, that it still stands and how to change it.
/// </summary>
public sealed class DeletedReplyTests : SlackHostTest
{
    private const string Reply = "1700000600.000001";

    [Fact]
    public async Task Deleting_the_reply_that_answered_tells_the_person_once_that_the_answer_still_stands()
    {
        var (d, card) = await ThreadReplies.AnsweredByReplyAsync(Host, "It sorts calls by risk", Reply);
        var deleted = SlackPayloads.Event(SlackPayloads.MessageDeleted("U0ANN", "It sorts calls by risk", Reply, card.MessageId));

        var response = await Host.EventAsync(deleted);
        await Host.EventAsync(deleted, h => h.Add("X-Slack-Retry-Num", "1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Host.SettleOutboxAsync();
        var told = Api.CallsTo("chat.postEphemeral")[^1];
        Assert.Equal(2, Api.CallsTo("chat.postEphemeral").Count); // the answer's own reply, then this, once
        Assert.Equal(("U0ANN", card.MessageId), (told.Json.GetProperty("user").GetString(), told.Json.GetProperty("thread_ts").GetString()));
        Assert.Contains("Your message was deleted, but your answer to \"In a sentence or two", told.Strings, StringComparison.Ordinal);
        Assert.Contains("is still recorded as you wrote it. To change it, press Answer", told.Strings, StringComparison.Ordinal);
        var answer = Assert.Single(await Host.AnswersAsync(d));
        Assert.Equal(("It sorts calls by risk", 1), (answer.Value.Text, answer.Revision));
    }

    [Fact]
    public async Task After_the_deliberation_closes_the_person_is_told_the_answer_stays_in_the_record()
    {
        var (_, card) = await ThreadReplies.AnsweredByReplyAsync(Host, "concern: nobody asked the night shift", Reply);
        await Host.CommandAsync("close");

        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.MessageDeleted("U0ANN", "concern: nobody asked the night shift", Reply, card.MessageId)));

        await Host.SettleOutboxAsync();
        var told = Api.CallsTo("chat.postEphemeral")[^1];
        Assert.Contains("still recorded as you wrote it, as a concern. \"Predictive screening\" is closed, so it stays in the record", told.Strings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_message_that_gave_no_answer_or_whose_answer_has_changed_since_says_nothing()
    {
        var (d, card) = await ThreadReplies.AnsweredByReplyAsync(Host, "It sorts calls by risk", Reply);
        await Host.Answering.AnswerAsync(SlackPayloads.Person("U0ANN", "ann"), d.Id, "purpose", AnswerValue.FromText("Changed in the form"), false, "form-1", default);

        foreach (var e in new[]
        {
            SlackPayloads.MessageDeleted("U0ANN", "It sorts calls by risk", Reply, card.MessageId), // its answer was changed since
            SlackPayloads.MessageDeleted("U0BOB", "Just a remark", "1700000600.000002", card.MessageId), // someone who never joined
            SlackPayloads.MessageDeleted("U0ANN", "Elsewhere", "1600000000.000002", "1600000000.000001"), // not a deliberation's thread
            SlackPayloads.MessageDeleted("U0ANN", "A message of its own", "1600000000.000003", "1600000000.000003"), // not a reply
        })
        {
            Assert.Equal(HttpStatusCode.OK, (await Host.EventAsync(SlackPayloads.Event(e))).StatusCode);
        }

        await Host.SettleOutboxAsync();
        Assert.Single(Api.CallsTo("chat.postEphemeral")); // the answer's own reply only
        Assert.Equal("Changed in the form", Assert.Single(await Host.AnswersAsync(d)).Value.Text);
    }
}
