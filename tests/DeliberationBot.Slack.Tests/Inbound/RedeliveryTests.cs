using System.Net;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Inbound;

/// <summary>Slack redelivers events, and people double-submit: none of that has a second effect.</summary>
public sealed class RedeliveryTests : SlackHostTest
{
    /// <summary>A deliberation whose card is posted, and Ann joined as a frontline worker.</summary>
    private async Task<(Deliberation D, PostedMessage Card)> StartedWithAnnAsync()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        var card = await Host.CardAsync(d);
        var ann = SlackPayloads.Person("U0ANN", "ann");
        await Host.Answering.JoinAsync(ann, d.Id, StakeholderGroup.FrontlineWorker, false, "seed-join", CancellationToken.None);
        return (d, card);
    }

    [Fact]
    public async Task A_retried_event_with_the_same_event_id_has_no_second_effect()
    {
        var (d, card) = await StartedWithAnnAsync();
        var envelope = SlackPayloads.Event(SlackPayloads.Message("U0ANN", "To sort calls faster", "1700000200.000001", card.MessageId), "Ev0RETRY01");

        var first = await Host.EventAsync(envelope);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await Api.WaitForAsync("chat.postEphemeral");
        var retry = await Host.EventAsync(envelope, h =>
        {
            h.Add("X-Slack-Retry-Num", "1");
            h.Add("X-Slack-Retry-Reason", "http_timeout");
        });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);

        // A later, different message is a barrier: its reply is the second ephemeral, so the retry sent none.
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0ANN", "children-families", "1700000200.000002", card.MessageId)));
        var second = await Api.WaitForAsync("chat.postEphemeral", 2);
        Assert.Equal(2, Api.CallsTo("chat.postEphemeral").Count);
        Assert.Equal("U0ANN", second.Json.GetProperty("user").GetString());
        var answers = (await Host.AnswersAsync(d)).Where(a => a.ParticipantKey == "user:U0ANN").ToList();
        Assert.Equal(["purpose", "who-affected"], answers.Select(a => a.QuestionId).Order());
        Assert.All(answers, a => Assert.Equal(1, a.Revision));
        Assert.Equal(2, (await Host.EventsAsync(d)).Count(e => e.Type == EventTypes.Answered));
    }

    [Fact]
    public async Task A_message_that_mentions_the_bot_in_a_thread_is_answered_once_though_two_events_report_it()
    {
        var (d, card) = await StartedWithAnnAsync();
        var text = $"<@{SlackPayloads.Bot}> It should sort calls";
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0ANN", text, "1700000300.000001", card.MessageId)));
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0ANN", text, "1700000300.000001", card.MessageId, type: "app_mention")));

        await Api.WaitForAsync("chat.postEphemeral");
        Assert.Equal("It should sort calls", Assert.Single(await Host.AnswersAsync(d)).Value.Text);
    }

    [Fact]
    public async Task Bot_messages_edits_and_messages_outside_deliberation_threads_are_ignored()
    {
        var (d, card) = await StartedWithAnnAsync();
        var bot = SlackPayloads.Message("U0OTHER", "I am a bot", "1700000400.000001", card.MessageId);
        bot["bot_id"] = "B0BOT";
        var edit = SlackPayloads.Message("U0ANN", "edited", "1700000400.000002", card.MessageId);
        edit["subtype"] = "message_changed";
        var self = SlackPayloads.Message(SlackPayloads.Bot, "my own words", "1700000400.000003", card.MessageId);
        var elsewhere = SlackPayloads.Message("U0ANN", "other thread", "1700000400.000004", "1600000000.000001");
        var topLevel = SlackPayloads.Message("U0ANN", "just chatting", "1700000400.000005");

        foreach (var e in new[] { bot, edit, self, elsewhere, topLevel })
        {
            var response = await Host.EventAsync(SlackPayloads.Event(e));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Empty(await Host.AnswersAsync(d));
        Assert.Empty(Api.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public async Task A_view_submitted_twice_is_recorded_once_and_the_repeat_gets_an_empty_200()
    {
        var (d, _) = await StartedWithAnnAsync();
        await Host.InteractionAsync(SlackPayloads.BlockAction("answer", d.Id.ToString(), "U0ANN"));
        var question = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        Assert.Equal("deliberation_question", Modals.Callback(question));
        var submission = SlackPayloads.ViewSubmission(question, Modals.AnswerValues(question, "Faster triage", concern: false), "U0ANN", "V0DUP", "dup-hash");

        var first = await Host.InteractionAsync(submission);
        var second = await Host.InteractionAsync(submission);

        Assert.Equal("deliberation_question", Modals.Callback(await Modals.UpdatedViewAsync(first)));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        var answer = Assert.Single(await Host.AnswersAsync(d));
        Assert.Equal(1, answer.Revision);
        Assert.Single(await Host.EventsAsync(d), e => e.Type == EventTypes.Answered);
    }

    [Fact]
    public async Task The_same_slash_command_delivered_twice_starts_one_deliberation()
    {
        var command = SlackPayloads.Command("start quick-check \"Only once\"", trigger: "same-trigger");

        var first = await SlackTestHost.JsonAsync(await Host.CommandAsync(command));
        var second = await Host.CommandAsync(command);

        Assert.Contains("Started", first.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await Host.Db.CountAsync("deliberations"));
        Assert.Single(await Host.Db.OutboxAsync());
    }

    [Fact]
    public async Task Editing_an_answer_in_a_new_submission_of_the_same_question_is_not_a_duplicate()
    {
        var (d, _) = await StartedWithAnnAsync();
        await Host.InteractionAsync(SlackPayloads.BlockAction("answer", d.Id.ToString(), "U0ANN"));
        var question = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(question, Modals.AnswerValues(question, "First", false), "U0ANN", "V0E", "e-1"));
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(question, Modals.AnswerValues(question, "Second", true), "U0ANN", "V0E2", "e-2"));

        var answer = Assert.Single(await Host.AnswersAsync(d));
        Assert.Equal("Second", answer.Value.Text);
        Assert.Equal(2, answer.Revision);
        Assert.True(answer.FlaggedConcern);
    }
}
