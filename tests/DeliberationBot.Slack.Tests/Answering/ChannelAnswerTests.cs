using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Tests.Infrastructure;
using DeliberationBot.Slack.Tests.Rendering;

namespace DeliberationBot.Slack.Tests.Answering;

/// <summary>
/// People write to the bot in the channel rather than in the card's thread. Words to it there that are no command answer
/// the writer's current question in the channel's only open deliberation, as a reply in its thread would; with several
/// open, nothing is guessed; commands stay commands.
/// </summary>
public sealed class ChannelAnswerTests : SlackHostTest
{
    private const string Words = "It ranks calls by risk & nobody asked the night shift";
    private const string FirstQuestion = "In a sentence or two, what is this tool supposed to do?";
    private const string Written = "1700000600.000001";

    [Fact]
    public async Task Words_to_the_bot_in_the_channel_answer_its_only_open_deliberation_once_and_an_edit_changes_the_answer()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        await Host.Answering.JoinAsync(SlackPayloads.Person("U0ANN", "ann"), d.Id, StakeholderGroup.FrontlineWorker, false, "seed-join", default);

        // Slack reports the message twice (app_mention, and message to a channel the bot is in), and may retry either.
        var mention = SlackPayloads.Event(ToTheBot("U0ANN", Words, Written, type: "app_mention"));
        await Host.EventAsync(mention);
        await Host.EventAsync(mention, h => h.Add("X-Slack-Retry-Num", "1"));
        await Host.EventAsync(SlackPayloads.Event(ToTheBot("U0ANN", Words, Written)));

        await Host.SettleOutboxAsync();
        var next = Assert.Single(Api.CallsTo("chat.postEphemeral"));
        Assert.Equal("U0ANN", next.Json.GetProperty("user").GetString());
        Assert.False(next.Json.TryGetProperty("thread_ts", out _)); // told where they wrote
        Assert.Contains($"Your message in the conversation is your answer to \"{FirstQuestion}\"", Blocks.Text(next.Json), StringComparison.Ordinal);
        Assert.Contains("Whose lives", Blocks.Text(next.Json), StringComparison.Ordinal);
        Assert.Contains("Press Answer to answer in a form, or mention me in the channel with your answer.", Blocks.Text(next.Json), StringComparison.Ordinal);
        var answer = Assert.Single(await Host.AnswersAsync(d));
        Assert.Equal(("purpose", Words, DeliveryKeys.Message(SlackPayloads.Team, SlackPayloads.Channel, Written)), (answer.QuestionId, answer.Value.Text, answer.Source));

        const string Edited = "It ranks hotline calls by risk, and the night shift was never asked";
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.MessageChanged(
            "U0ANN", $"<@{SlackPayloads.Bot}> {Edited}", $"<@{SlackPayloads.Bot}> {Words.Replace("&", "&amp;", StringComparison.Ordinal)}", Written, null, "1700000700.000001")));
        var revised = Assert.Single(await Host.AnswersAsync(d));
        Assert.Equal((Edited, 2), (revised.Value.Text, revised.Revision));
        await Api.WaitForAsync("chat.postEphemeral", c => c.Strings.Contains("now reads as you edited it", StringComparison.Ordinal));

        // Each told in its own message, which the outbox may send in either order.
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.MessageDeleted("U0ANN", $"<@{SlackPayloads.Bot}> {Edited}", Written, null)));
        await Api.WaitForAsync("chat.postEphemeral", c => c.Strings.Contains("Your message was deleted, but your answer to", StringComparison.Ordinal));
        Assert.Equal(Edited, Assert.Single(await Host.AnswersAsync(d)).Value.Text);
    }

    [Fact]
    public async Task Someone_who_has_not_joined_is_asked_for_their_group_and_their_words_then_answer()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");

        await Host.EventAsync(SlackPayloads.Event(ToTheBot("U0ANN", Words, Written, type: "app_mention")));

        var prompt = await Api.WaitForAsync("chat.postEphemeral");
        Assert.Contains("your message in the conversation will then be your answer", Blocks.Text(prompt.Json), StringComparison.OrdinalIgnoreCase);
        var answer = Assert.Single(Blocks.Buttons(prompt.Json), b => b.ActionId == "answer");
        await Host.InteractionAsync(SlackPayloads.BlockAction("answer", answer.Value, "U0ANN"));
        var groupForm = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        Assert.Contains("Your message in the conversation will be your answer to the first question:", Read(groupForm), StringComparison.Ordinal);
        var next = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(groupForm,
            Modals.Values(("group", SlackPayloads.Input("static_select", SlackPayloads.Option("frontline_worker")))), "U0ANN", "V0ANN", "a-0")));

        Assert.Contains($"Your message in the conversation is your answer to \"{FirstQuestion}\"", Read(next), StringComparison.Ordinal);
        Assert.Equal(Words, Assert.Single(await Host.AnswersAsync(d)).Value.Text);
    }

    [Fact]
    public async Task Commands_in_the_channel_stay_commands_and_with_none_open_words_are_an_unknown_command()
    {
        await Host.EventAsync(SlackPayloads.Event(ToTheBot("U0ANN", Words, "1700000500.000001", type: "app_mention")));
        Assert.Contains("I don't know the command \"It\", so this message was not recorded", (await Api.WaitForAsync("chat.postEphemeral")).Strings, StringComparison.Ordinal);

        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        await Host.Answering.JoinAsync(SlackPayloads.Person("U0ANN", "ann"), d.Id, StakeholderGroup.FrontlineWorker, false, "seed-join", default);
        await Host.EventAsync(SlackPayloads.Event(ToTheBot("U0ANN", "status", Written, type: "app_mention")));
        await Host.SettleOutboxAsync();
        Assert.Contains("Predictive screening", Api.CallsTo("chat.postEphemeral")[^1].Strings, StringComparison.Ordinal);
        Assert.Empty(await Host.AnswersAsync(d));

        // An edit of the command into words is no answer: a message is an answer or a command from when it is written.
        var before = Api.CallsTo("chat.postEphemeral").Count;
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.MessageChanged(
            "U0ANN", $"<@{SlackPayloads.Bot}> It ranks calls by risk", $"<@{SlackPayloads.Bot}> status", Written, null, "1700000700.000001")));
        await Host.SettleOutboxAsync();
        Assert.Equal(before, Api.CallsTo("chat.postEphemeral").Count);
        Assert.Empty(await Host.AnswersAsync(d));
    }

    [Fact]
    public async Task With_two_deliberations_open_in_the_channel_words_are_not_guessed_onto_one_and_the_writer_is_told()
    {
        var first = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        Host.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await Host.StartDeliberationAsync("start quick-check \"Road repair ranking\"");

        await Host.EventAsync(SlackPayloads.Event(ToTheBot("U0ANN", Words, Written, type: "app_mention")));

        Assert.Contains(ThreadAnswering.SeveralOpenHere, Blocks.Text((await Api.WaitForAsync("chat.postEphemeral")).Json), StringComparison.Ordinal);
        Assert.Empty(await Host.AnswersAsync(first));
        Assert.Empty(await Host.AnswersAsync(second));
    }

    /// <summary>A message in the channel (no thread) that mentions the bot, its words encoded as Slack sends them.</summary>
    private static JsonObject ToTheBot(string user, string words, string ts, string type = "message") =>
        SlackPayloads.Message(user, $"<@{SlackPayloads.Bot}> {words.Replace("&", "&amp;", StringComparison.Ordinal)}", ts, type: type);

    private static string Read(JsonObject view) => Blocks.Text(JsonDocument.Parse(view.ToJsonString()).RootElement);
}
