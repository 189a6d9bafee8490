using System.Net;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Answering;

/// <summary>
/// People fix what they wrote in Slack by editing the message. An answer given by a reply in the deliberation's thread
/// follows the reply's edits, so the owners hear what the person meant to say, not the slip they corrected.
/// </summary>
public sealed class EditedReplyTests : SlackHostTest
{
    private const string Reply = "1700000600.000001";

    [Fact]
    public async Task Editing_a_reply_in_the_thread_changes_the_answer_it_gave_and_tells_the_person()
    {
        Api.Person("U0SAM", "Sam O'Neill");
        var (d, card) = await AnsweredByReplyAsync("It sorts calls by risk <@U0SAM> never saw");

        var response = await Host.EventAsync(SlackPayloads.Event(SlackPayloads.MessageChanged(
            "U0ANN", "It sorts calls by a risk score <@U0SAM> never saw", "It sorts calls by risk <@U0SAM> never saw", Reply, card.MessageId, "1700000700.000001")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var told = await Api.WaitForAsync("chat.postEphemeral", 2);
        Assert.Equal(("U0ANN", card.MessageId), (told.Json.GetProperty("user").GetString(), told.Json.GetProperty("thread_ts").GetString()));
        Assert.Contains("Your answer to \"", told.Strings, StringComparison.Ordinal);
        var answer = Assert.Single(await Host.AnswersAsync(d));
        Assert.Equal(("purpose", "It sorts calls by a risk score @Sam O'Neill never saw", 2), (answer.QuestionId, answer.Value.Text, answer.Revision));
        Assert.Single(await Host.EventsAsync(d), e => e.Type == EventTypes.Edited);
    }

    [Fact]
    public async Task A_reply_that_did_not_fit_its_question_is_answered_by_correcting_it_as_the_person_was_told()
    {
        var (d, card) = await AnsweredByReplyAsync("It sorts calls by risk");
        const string Refused = "1700000600.000002";
        const string Said = "1, 2, because the score follows families into court";
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0ANN", Said, Refused, card.MessageId)));
        var hint = await Api.WaitForAsync("chat.postEphemeral", 2);
        Assert.Contains("To say why, write it after a dash: 1, 2 - why.", hint.Strings, StringComparison.Ordinal);

        const string Corrected = "1, 2 - the score follows families into court";
        var edit = SlackPayloads.Event(SlackPayloads.MessageChanged("U0ANN", Corrected, Said, Refused, card.MessageId, "1700000700.000002"));
        await Host.EventAsync(edit);
        await Host.EventAsync(edit, h => h.Add("X-Slack-Retry-Num", "1"));

        var next = await Api.WaitForAsync("chat.postEphemeral", 3);
        Assert.Contains("About how many extra minutes", next.Strings, StringComparison.Ordinal);
        var given = Assert.Single(await Host.AnswersAsync(d), a => a.QuestionId == "who-affected");
        Assert.Equal((AnswerValue.FromChoices("children-families", "benefit-applicants").WithWords(Corrected), 1), (given.Value, given.Revision));

        // The corrected reply now gave the answer, so editing it again changes that answer.
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.MessageChanged("U0ANN", "1 - only the families", Corrected, Refused, card.MessageId, "1700000800.000002")));
        await Api.WaitForAsync("chat.postEphemeral", 4);
        Assert.Equal(["children-families"], Assert.Single(await Host.AnswersAsync(d), a => a.QuestionId == "who-affected").Value.Choices);
        await Host.SettleOutboxAsync();
        Assert.Equal(4, Api.CallsTo("chat.postEphemeral").Count);
    }

    [Fact]
    public async Task A_redelivered_edit_changes_the_answer_once_and_a_later_edit_changes_it_again()
    {
        var (d, card) = await AnsweredByReplyAsync("First words");
        var edit = SlackPayloads.Event(SlackPayloads.MessageChanged("U0ANN", "Second words", "First words", Reply, card.MessageId, "1700000700.000001"));

        await Host.EventAsync(edit);
        await Host.EventAsync(edit, h => h.Add("X-Slack-Retry-Num", "1"));
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.MessageChanged("U0ANN", "Third words", "Second words", Reply, card.MessageId, "1700000800.000001")));

        await Api.WaitForAsync("chat.postEphemeral", 3);
        var answer = Assert.Single(await Host.AnswersAsync(d));
        Assert.Equal(("Third words", 3), (answer.Value.Text, answer.Revision));
        Assert.Equal(2, (await Host.EventsAsync(d)).Count(e => e.Type == EventTypes.Edited));
    }

    [Fact]
    public async Task Changes_Slack_makes_itself_and_edits_elsewhere_leave_the_answer_alone()
    {
        var (d, card) = await AnsweredByReplyAsync("See https://example.org/plan");

        var unfurled = SlackPayloads.MessageChanged("U0ANN", "See https://example.org/plan", "See https://example.org/plan", Reply, card.MessageId, editedTs: null);
        var otherThread = SlackPayloads.MessageChanged("U0ANN", "Changed", "Before", "1600000000.000002", "1600000000.000001", "1700000700.000002");
        var byAnother = SlackPayloads.MessageChanged("U0BOB", "Changed by Bob", "Bob's words", "1700000600.000002", card.MessageId, "1700000700.000003");
        foreach (var e in new[] { unfurled, otherThread, byAnother })
        {
            Assert.Equal(HttpStatusCode.OK, (await Host.EventAsync(SlackPayloads.Event(e))).StatusCode);
        }

        await Host.SettleOutboxAsync();
        var answer = Assert.Single(await Host.AnswersAsync(d));
        Assert.Equal(("See https://example.org/plan", 1), (answer.Value.Text, answer.Revision));
        Assert.Single(Api.CallsTo("chat.postEphemeral")); // the answer's own reply; nothing for the ignored changes
    }

    [Fact]
    public async Task An_edit_that_arrives_before_its_reply_answers_in_its_words_and_the_late_reply_changes_nothing()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        var card = await Host.CardAsync(d);
        await Host.Answering.JoinAsync(SlackPayloads.Person("U0ANN", "ann"), d.Id, StakeholderGroup.FrontlineWorker, false, "seed-join", CancellationToken.None);

        // Slack retries the reply's delivery, so the edit comes first.
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.MessageChanged("U0ANN", "It sorts calls by a risk score", "It sorts calls", Reply, card.MessageId, "1700000700.000001")));
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0ANN", "It sorts calls", Reply, card.MessageId)));

        await Host.SettleOutboxAsync();
        var answer = Assert.Single(await Host.AnswersAsync(d));
        Assert.Equal(("purpose", "It sorts calls by a risk score", 1), (answer.QuestionId, answer.Value.Text, answer.Revision));
        Assert.Contains("Whose lives", Assert.Single(Api.CallsTo("chat.postEphemeral")).Strings, StringComparison.Ordinal); // the next question, once
    }

    private Task<(Deliberation D, PostedMessage Card)> AnsweredByReplyAsync(string text) => ThreadReplies.AnsweredByReplyAsync(Host, text, Reply);
}
