using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Tests.Infrastructure;
using DeliberationBot.Slack.Tests.Rendering;

namespace DeliberationBot.Slack.Tests.Answering;

/// <summary>
/// A reply in the thread may be longer than a Slack form's text input holds (4,000 characters against 3,000). Opening
/// that answer in the form to flag it, or to change it, never cuts it: the form shows it whole and keeps it unless a
/// new answer is typed.
/// </summary>
public sealed class LongAnswerChangeTests : SlackHostTest
{
    private const string Ann = "U0ANN";
    private static readonly string Written = LongText.Words("ann answers at length", 3600);

    [Fact]
    public async Task Flagging_a_long_answer_in_the_form_keeps_every_word_of_it()
    {
        var (d, form) = await LongAnswerOpenedAsync();

        // As Slack submits it: the input's value is whatever the form put in it, and Ann only ticks the concern box.
        var prefilled = Modals.InputElement(form, "answer")!["initial_value"]?.GetValue<string>();
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(form, Values(prefilled, concern: true), Ann, "V0LONG", "h-2"));

        var answer = Assert.Single(await Host.AnswersAsync(d), a => a.QuestionId == "purpose");
        Assert.Equal((Written, true), (answer.Value.Text, answer.FlaggedConcern));
    }

    [Fact]
    public async Task The_form_shows_a_long_answer_whole_and_a_new_answer_typed_into_it_replaces_it()
    {
        var (d, form) = await LongAnswerOpenedAsync();

        SlackLimitsAssert.Modal(form);
        Assert.Contains(LongText.Squash(Written), LongText.Squash(LongText.Read(form)), StringComparison.Ordinal);
        Assert.Null(Modals.InputElement(form, "answer")!["initial_value"]);
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(form, Values("Shorter now.", concern: false), Ann, "V0LONG", "h-2"));

        var answer = Assert.Single(await Host.AnswersAsync(d), a => a.QuestionId == "purpose");
        Assert.Equal(("Shorter now.", false), (answer.Value.Text, answer.FlaggedConcern));
    }

    /// <summary>Ann answers the first question at length in the thread, then opens it in the form to change it.</summary>
    private async Task<(Deliberation D, JsonObject Form)> LongAnswerOpenedAsync()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\"");
        var card = await Host.CardAsync(d);
        await Host.Answering.JoinAsync(SlackPayloads.Person(Ann, "ann"), d.Id, StakeholderGroup.FrontlineWorker, false, "seed-join", CancellationToken.None);
        await Host.EventAsync(SlackPayloads.Event(SlackPayloads.Message(Ann, Written, "1700000600.000001", card.MessageId)));
        Assert.Equal(Written, Assert.Single(await Host.AnswersAsync(d)).Value.Text);

        await Host.InteractionAsync(SlackPayloads.BlockAction("answer_change", $"{d.Id:N}|purpose", Ann));
        return (d, Modals.ViewOf(await Api.WaitForAsync("views.open")));
    }

    private static JsonObject Values(string? text, bool concern) => Modals.Values(
        ("answer", SlackPayloads.Input("plain_text_input", text)),
        ("concern", SlackPayloads.Input("checkboxes", concern ? new JsonArray(SlackPayloads.Option("yes")) : new JsonArray())));
}
