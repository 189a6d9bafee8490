using System.Net;
using System.Text.Json.Nodes;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack.Tests.Payloads;

/// <summary>
/// Signed requests through the real endpoint whose payloads hold a field of the wrong JSON type: each gets 400 and
/// changes nothing; the same request with the field right goes on to do what it should.
/// </summary>
public sealed class WronglyTypedRequestTests : SlackHostTest
{
    [Fact]
    public async Task Each_wrongly_typed_press_submission_or_reply_gets_400_and_stores_nothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await Host.CommandAsync("start quick-check \"Typed payloads\"")).StatusCode);
        var deliberation = await Host.DeliberationAsync();
        var card = await Host.CardAsync(deliberation);
        var deliveries = await Host.Db.CountAsync("processed_deliveries");

        // A button whose value is a number.
        var press = SlackPayloads.BlockAction("answer", deliberation.Id.ToString(), "U0ANN");
        press["actions"]![0]!["value"] = 42;
        await AssertRefusedAsync(await Host.InteractionAsync(press));
        Assert.Empty(Api.CallsTo("views.open"));

        Assert.Equal(HttpStatusCode.OK, (await Host.InteractionAsync(SlackPayloads.BlockAction("answer", deliberation.Id.ToString(), "U0ANN"))).StatusCode);
        var groupView = Modals.ViewOf(await Api.WaitForAsync("views.open"));

        // The group chosen as an array where Slack sends one option object.
        var group = Modals.Values(("group", SlackPayloads.Input("static_select", SlackPayloads.Option("frontline_worker"))));
        var spoiled = group.DeepClone().AsObject();
        spoiled["group"]!["value"]!["selected_option"] = new JsonArray("frontline_worker");
        await AssertRefusedAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(groupView, spoiled, "U0ANN", "V0ANN", "h-0")));
        Assert.Equal(0, await Host.Db.CountAsync("participants"));

        var questionView = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(groupView, group, "U0ANN", "V0ANN", "h-0")));
        Assert.Equal(1, await Host.Db.CountAsync("participants"));

        // An answer whose text is a number.
        var answer = Modals.AnswerValues(questionView, "ignored", concern: false);
        answer["answer"]!["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = 12 };
        await AssertRefusedAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(questionView, answer, "U0ANN", "V0ANN", "h-1")));

        // A thread reply whose ts is a number.
        var reply = SlackPayloads.Event(SlackPayloads.Message("U0ANN", "My answer", "1700000100.000001", card.MessageId));
        reply["event"]!["ts"] = 1700000100.000001;
        await AssertRefusedAsync(await Host.EventAsync(reply));

        Assert.Empty(await Host.AnswersAsync(deliberation));
        Assert.Equal(deliveries + 1, await Host.Db.CountAsync("processed_deliveries")); // the one good submission
        Assert.DoesNotContain(Host.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_typed_field_holding_a_lone_surrogate_gets_400()
    {
        var body = """{"type":"event_callback","team_id":"T0TEST","event_id":"Ev1","event":{"type":"app_mention","user":"U0ANN","text":"<@U0BOT> help \ud800","channel":"C0TEST","ts":"1.2"}}""";

        await AssertRefusedAsync(await Host.PostAsync("application/json", body));
        Assert.Equal(0, await Host.Db.CountAsync("processed_deliveries"));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed request", await response.Content.ReadAsStringAsync());
    }
}
