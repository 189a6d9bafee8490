using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Rendering;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Answering;

/// <summary>
/// A choice or a number answered in the form comes with the person's own words, in a box of its own: kept with the
/// answer, shown again when the answer is opened, gone when the box is emptied.
/// </summary>
public sealed class ChoiceWordsTests : SlackHostTest
{
    private const string Ann = "U0ANN";
    private const string Why = "Families who call at night,\nwhen no caseworker is on.";

    [Fact]
    public async Task Words_given_with_a_choice_are_kept_with_it_shown_again_and_gone_when_the_box_is_emptied()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        await Host.Answering.JoinAsync(SlackPayloads.Person(Ann, "ann"), d.Id, StakeholderGroup.FrontlineWorker, false, "seed-join", CancellationToken.None);
        await Host.Answering.AnswerTextAsync(SlackPayloads.Person(Ann, "ann"), d.Id, "It ranks calls by risk.", "seed-purpose", CancellationToken.None);

        await Host.InteractionAsync(SlackPayloads.BlockAction(SlackIds.AnswerAction, d.Id.ToString("D"), Ann));
        var form = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        Assert.NotNull(Modals.InputElement(form, SlackIds.WordsBlock));
        var tooLong = JsonNode.Parse(await (await Host.InteractionAsync(SlackPayloads.ViewSubmission(form, Values(new string('x', 4001), concern: true), Ann, "V0WORDS", "h-0"))).Content.ReadAsStringAsync())!;
        Assert.Equal("Please keep the answer under 4000 characters (this one has 4001).", tooLong["errors"]![SlackIds.WordsBlock]!.GetValue<string>());
        Assert.DoesNotContain(await Host.AnswersAsync(d), a => a.QuestionId == "who-affected");
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(form, Values(" " + Why + " ", concern: true), Ann, "V0WORDS", "h-1"));

        var answer = Assert.Single(await Host.AnswersAsync(d), a => a.QuestionId == "who-affected");
        Assert.Equal(["children-families"], answer.Value.Choices);
        Assert.Equal((Why, true), (answer.Value.Text, answer.FlaggedConcern));

        // Opened again to change it: the words are in their box; emptied and saved, they are gone and the choice stays.
        await Host.InteractionAsync(SlackPayloads.BlockAction("answer_change", $"{d.Id:N}|who-affected", Ann));
        var again = Modals.ViewOf(await Api.WaitForAsync("views.open", count: 2));
        Assert.Equal(Why, Modals.InputElement(again, SlackIds.WordsBlock)!["initial_value"]!.GetValue<string>());
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(again, Values("", concern: true), Ann, "V0WORDS2", "h-2"));

        answer = Assert.Single(await Host.AnswersAsync(d), a => a.QuestionId == "who-affected");
        Assert.Equal(["children-families"], answer.Value.Choices);
        Assert.Null(answer.Value.Text);
    }

    private static JsonObject Values(string words, bool concern) => Modals.Values(
        ("answer", SlackPayloads.Input("checkboxes", new JsonArray(SlackPayloads.Option("children-families")))),
        (SlackIds.WordsBlock, SlackPayloads.Input("plain_text_input", words.Length == 0 ? null : words)),
        ("concern", SlackPayloads.Input("checkboxes", concern ? new JsonArray(SlackPayloads.Option("yes")) : new JsonArray())));
}
