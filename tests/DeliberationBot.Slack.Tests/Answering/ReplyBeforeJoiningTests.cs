using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Tests.Infrastructure;
using DeliberationBot.Slack.Tests.Rendering;

namespace DeliberationBot.Slack.Tests.Answering;

/// <summary>
/// Someone's first move is often to reply in the card's thread before they have joined. They are asked for their
/// stakeholder group first; the reply waits (the bot holds its words, the Answer button they are given names it) and
/// becomes their answer once they join, so they never have to type it again, however long it is.
/// </summary>
public sealed class ReplyBeforeJoiningTests : SlackHostTest
{
    private const string Reply = "1700000600.000001";
    private const string Words = "It sorts hotline calls by risk & nobody told us how";

    [Fact]
    public async Task A_reply_written_before_joining_becomes_the_answer_when_the_person_joins()
    {
        var (d, card) = await RepliedBeforeJoiningAsync(Words);

        var prompt = await Api.WaitForAsync("chat.postEphemeral");
        Assert.Contains("your reply in the thread will then be your answer", Blocks.Text(prompt.Json), StringComparison.Ordinal);
        var answer = Assert.Single(Blocks.Buttons(prompt.Json), b => b.ActionId == "answer");
        await Host.InteractionAsync(SlackPayloads.BlockAction("answer", answer.Value, "U0ANN"));
        var groupForm = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        SlackLimitsAssert.Modal(groupForm);
        Assert.Contains("It sorts hotline calls by risk &amp; nobody told us how", Read(groupForm), StringComparison.Ordinal);

        var next = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(groupForm,
            Modals.Values(("group", SlackPayloads.Input("static_select", SlackPayloads.Option("frontline_worker")))), "U0ANN", "V0ANN", "a-0")));

        Assert.Contains("Your reply in the thread is your answer to \"In a sentence or two", Read(next), StringComparison.Ordinal);
        Assert.Contains("Whose lives", Read(next), StringComparison.Ordinal);
        var given = Assert.Single(await Host.AnswersAsync(d));
        Assert.Equal(("purpose", Words, DeliveryKeys.Message(SlackPayloads.Team, SlackPayloads.Channel, Reply)), (given.QuestionId, given.Value.Text, given.Source));

        // The reply delivered again counts once; edited, it changes the answer it gave.
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0ANN", Words, Reply, card.MessageId)), h => h.Add("X-Slack-Retry-Num", "1"));
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.MessageChanged("U0ANN", "It sorts calls by a risk score", Words, Reply, card.MessageId, "1700000700.000001")));
        Assert.Equal(("It sorts calls by a risk score", 2), (Assert.Single(await Host.AnswersAsync(d)).Value.Text, (await Host.AnswersAsync(d))[0].Revision));
    }

    [Fact]
    public async Task A_reply_edited_before_joining_is_offered_again_in_its_edited_words()
    {
        var (d, card) = await RepliedBeforeJoiningAsync("It sorts calls by risk");
        await Api.WaitForAsync("chat.postEphemeral");

        var edit = SlackPayloads.Event(SlackPayloads.MessageChanged("U0ANN", Words, "It sorts calls by risk", Reply, card.MessageId, "1700000700.000001"));
        await Host.EventAsync(edit);
        await Host.EventAsync(edit, h => h.Add("X-Slack-Retry-Num", "1"));
        var again = await Api.WaitForAsync("chat.postEphemeral", 2);
        var answer = Assert.Single(Blocks.Buttons(again.Json), b => b.ActionId == "answer");
        await Host.InteractionAsync(SlackPayloads.BlockAction("answer", answer.Value, "U0ANN"));
        var groupForm = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(groupForm,
            Modals.Values(("group", SlackPayloads.Input("static_select", SlackPayloads.Option("frontline_worker")))), "U0ANN", "V0ANN", "a-0"));

        await Host.SettleOutboxAsync();
        Assert.Equal(2, Api.CallsTo("chat.postEphemeral").Count); // the edit delivered twice is offered once
        Assert.Equal((Words, 1), (Assert.Single(await Host.AnswersAsync(d)).Value.Text, (await Host.AnswersAsync(d))[0].Revision));
    }

    [Fact]
    public async Task A_reply_deleted_before_joining_is_never_recorded_from_the_button_that_names_it()
    {
        var (d, card) = await RepliedBeforeJoiningAsync(Words);
        var answer = Assert.Single(Blocks.Buttons((await Api.WaitForAsync("chat.postEphemeral")).Json), b => b.ActionId == "answer");

        var deletion = SlackPayloads.Event(SlackPayloads.MessageDeleted("U0ANN", Words, Reply, card.MessageId));
        await Host.EventAsync(deletion);
        await Host.EventAsync(deletion, h => h.Add("X-Slack-Retry-Num", "1"));
        var told = await Api.WaitForAsync("chat.postEphemeral", 2);
        Assert.Contains("Your message was deleted, so it will not be taken as an answer.", Blocks.Text(told.Json), StringComparison.Ordinal);

        await Host.InteractionAsync(SlackPayloads.BlockAction("answer", answer.Value, "U0ANN"));
        var groupForm = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        Assert.DoesNotContain("nobody told us", Read(groupForm), StringComparison.Ordinal);
        var first = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(groupForm,
            Modals.Values(("group", SlackPayloads.Input("static_select", SlackPayloads.Option("frontline_worker")))), "U0ANN", "V0ANN", "a-0")));

        Assert.Contains("In a sentence or two", Read(first), StringComparison.Ordinal);
        Assert.Empty(await Host.AnswersAsync(d));
        await Host.SettleOutboxAsync();
        Assert.Equal(2, Api.CallsTo("chat.postEphemeral").Count); // the deletion delivered twice is told once
    }

    [Fact]
    public async Task Answering_anonymously_leaves_the_named_reply_out_and_says_so()
    {
        var (d, _) = await RepliedBeforeJoiningAsync(Words, anonymous: true);
        var answer = Assert.Single(Blocks.Buttons((await Api.WaitForAsync("chat.postEphemeral")).Json), b => b.ActionId == "answer");
        await Host.InteractionAsync(SlackPayloads.BlockAction("answer", answer.Value, "U0ANN"));
        var groupForm = Modals.ViewOf(await Api.WaitForAsync("views.open"));

        var first = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(groupForm, Modals.Values(
            ("group", SlackPayloads.Input("static_select", SlackPayloads.Option("frontline_worker"))),
            ("anonymous", SlackPayloads.Input("checkboxes", new JsonArray(SlackPayloads.Option("yes"))))), "U0ANN", "V0ANN", "a-0")));

        Assert.Contains("Your reply in the thread is not taken as your answer: the thread shows your name, and you answer anonymously", Read(first), StringComparison.Ordinal);
        Assert.Contains("In a sentence or two", Read(first), StringComparison.Ordinal);
        Assert.Empty(await Host.AnswersAsync(d));
    }

    [Fact]
    public async Task The_button_pressed_after_joining_anonymously_another_way_leaves_the_named_reply_out()
    {
        var (d, _) = await RepliedBeforeJoiningAsync(Words, anonymous: true);
        var answer = Assert.Single(Blocks.Buttons((await Api.WaitForAsync("chat.postEphemeral")).Json), b => b.ActionId == "answer");
        await Host.Answering.JoinAsync(SlackPayloads.Person("U0ANN", "ann"), d.Id, Core.Stakeholders.StakeholderGroup.FrontlineWorker, anonymous: true, "card-join", default);

        await Host.InteractionAsync(SlackPayloads.BlockAction("answer", answer.Value, "U0ANN"));

        var shown = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        Assert.Contains("Your reply in the thread is not taken as your answer", Read(shown), StringComparison.Ordinal);
        Assert.Empty(await Host.AnswersAsync(d));
    }

    [Fact]
    public async Task A_reply_edited_before_joining_answers_in_its_edited_words_from_the_button_of_the_first_prompt()
    {
        var (d, card) = await RepliedBeforeJoiningAsync("It sorts calls by risk");
        var first = Assert.Single(Blocks.Buttons((await Api.WaitForAsync("chat.postEphemeral")).Json), b => b.ActionId == "answer");

        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.MessageChanged("U0ANN", Words, "It sorts calls by risk", Reply, card.MessageId, "1700000700.000001")));
        await Api.WaitForAsync("chat.postEphemeral", 2);
        var (groupForm, _) = await JoinFromAsync(first.Value);

        Assert.Contains("nobody told us how", Read(groupForm), StringComparison.Ordinal);
        Assert.Equal((Words, 1), (Assert.Single(await Host.AnswersAsync(d)).Value.Text, (await Host.AnswersAsync(d))[0].Revision));
    }

    [Fact]
    public async Task A_reply_longer_than_a_button_could_hold_becomes_the_answer_word_for_word_and_the_button_names_it_only()
    {
        var words = string.Join(' ', Enumerable.Repeat("The night shift was never asked.", 70));
        Assert.Equal(2309, words.Length);
        var (d, _) = await RepliedBeforeJoiningAsync(words);

        var prompt = await Api.WaitForAsync("chat.postEphemeral");
        Assert.Contains("your reply in the thread will then be your answer", Blocks.Text(prompt.Json), StringComparison.Ordinal);
        var answer = Assert.Single(Blocks.Buttons(prompt.Json), b => b.ActionId == "answer");
        Assert.DoesNotContain("night shift", answer.Value, StringComparison.Ordinal);
        Assert.True(answer.Value.Length < 2000, $"the button's value has {answer.Value.Length} characters");
        var (groupForm, next) = await JoinFromAsync(answer.Value);

        SlackLimitsAssert.Modal(groupForm);
        Assert.DoesNotContain("night shift", groupForm["private_metadata"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Your reply in the thread is your answer to \"In a sentence or two", Read(next), StringComparison.Ordinal);
        var given = Assert.Single(await Host.AnswersAsync(d));
        Assert.Equal(("purpose", words), (given.QuestionId, given.Value.Text));
    }

    /// <summary>Ann presses an Answer button and joins as a frontline worker: the group form, and what follows it.</summary>
    private async Task<(JsonObject GroupForm, JsonObject Next)> JoinFromAsync(string buttonValue)
    {
        await Host.InteractionAsync(SlackPayloads.BlockAction("answer", buttonValue, "U0ANN"));
        var groupForm = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        var next = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(groupForm,
            Modals.Values(("group", SlackPayloads.Input("static_select", SlackPayloads.Option("frontline_worker")))), "U0ANN", "V0ANN", "a-0")));
        return (groupForm, next);
    }

    private static string Read(JsonObject view) => Blocks.Text(JsonDocument.Parse(view.ToJsonString()).RootElement);

    private async Task<(Deliberation D, PostedMessage Card)> RepliedBeforeJoiningAsync(string text, bool anonymous = false)
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"" + (anonymous ? " anonymous" : ""));
        var card = await Host.CardAsync(d);
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message("U0ANN", text, Reply, card.MessageId)));
        return (d, card);
    }
}
