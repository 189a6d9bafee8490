using System.Text.Json.Nodes;
using DeliberationBot.Slack.Tests.Infrastructure;
using DeliberationBot.Slack.Tests.Rendering;

namespace DeliberationBot.Slack.Tests.Answering;

/// <summary>Going back: the review lists every answer with Change, and each question offers "Change an earlier answer".</summary>
public sealed class AnswerReviewTests : SlackHostTest
{
    private const string Ann = "U0ANN";

    [Fact]
    public async Task After_the_last_answer_each_answer_can_be_changed_from_the_review_or_from_another_question()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        var view = await Host.JoinInModalAsync(d, Ann, "frontline_worker", "V0ANN", "h-0");
        Assert.Null(Modals.InputElement(view, "jump"));
        var answered = 0;
        while (Modals.Callback(view) == "deliberation_question")
        {
            answered++;
            view = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(view,
                Modals.AnswerValues(view, $"Answer {answered}", concern: false), Ann, "V0ANN", $"h-{answered}")));
        }

        // The review: the thanks, then every answer with its own Change button.
        Assert.Equal(("deliberation_notice", "Your answers"), (Modals.Callback(view), Modals.Title(view)));
        SlackLimitsAssert.Modal(view);
        Assert.Contains("you have answered every question", view.ToJsonString(), StringComparison.Ordinal);
        var changes = Blocks.Buttons(view);
        Assert.Equal(answered, changes.Count);
        Assert.All(changes, b => Assert.Equal("answer_change", b.ActionId));
        Assert.Contains(changes, b => b.Value == $"{d.Id:N}|purpose");

        // Change "purpose" from the review: the modal is replaced (views.update with its id and hash) by that question.
        await Host.InteractionAsync(SlackPayloads.ViewAction(view, "answer_change", $"{d.Id:N}|purpose", Ann, "V0ANN", "h-review"));
        var update = await Api.WaitForAsync("views.update");
        Assert.Equal(("V0ANN", "h-review"), (update.Json.GetProperty("view_id").GetString(), update.Json.GetProperty("hash").GetString()));
        var purpose = Blocks.UpdatedView(update);
        Assert.Equal("deliberation_question", Modals.Callback(purpose));
        Assert.Equal("Answer 1", Modals.InputElement(purpose, "answer")!["initial_value"]!.GetValue<string>());
        var earlier = Modals.OptionValues(Jump(purpose));
        Assert.Equal(answered - 1, earlier.Count);
        Assert.DoesNotContain("purpose", earlier);

        // From there, jump to "who is affected" with the select.
        await Host.InteractionAsync(SlackPayloads.ViewAction(purpose, "question_jump", null, Ann, "V0ANN", "h-purpose", selected: "who-affected"));
        var whoAffected = Blocks.UpdatedView(await Api.WaitForAsync("views.update", 2));
        Assert.Contains("|who-affected", whoAffected["private_metadata"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("purpose", Modals.OptionValues(Jump(whoAffected)));

        // Saving the changed answer brings the review back, saying so; the answer is a new revision.
        var second = Modals.OptionValues(Modals.InputElement(whoAffected, "answer")!)[1];
        var review = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(whoAffected,
            Modals.Values(("answer", SlackPayloads.Input("checkboxes", new JsonArray(SlackPayloads.Option(second))))), Ann, "V0ANN", "h-who")));
        Assert.Contains("Your answer is updated", review.ToJsonString(), StringComparison.Ordinal);
        var changed = (await Host.AnswersAsync(d)).Single(a => a.QuestionId == "who-affected");
        Assert.Equal([second], changed.Value.Choices);
        Assert.Equal(2, changed.Revision);
    }

    private static JsonObject Jump(JsonObject questionView)
    {
        var block = questionView["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == "jump")!;
        var select = block["elements"]![0]!.AsObject();
        Assert.Equal(("static_select", "question_jump"), (select["type"]!.GetValue<string>(), select["action_id"]!.GetValue<string>()));
        return select;
    }
}
