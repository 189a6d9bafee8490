using System.Globalization;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Deliberations;

/// <summary>A whole deliberation through the HTTP endpoint and the cards: start in a channel, answer 1:1, close.</summary>
public sealed class JourneyTests : HostTest
{
    private static string Due => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_deliberation_runs_from_start_to_close_through_cards()
    {
        Fake.AddToRoster(Person.Maria);

        // Fiona starts it in a channel post, naming Maria as owner by @mention.
        var start = Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("9001"),
            $"start quick-check \"Predictive screening for hotline calls\" owner:<at>Maria Garcia</at> due:{Due}", [Activities.Mention(Person.Maria)], id: "9001");
        await Host.SendAsync(start);
        var d = await Host.SingleDeliberationAsync();
        Assert.Equal(Chat.ChannelId, d.Home.ConversationId);
        Assert.Equal([("aad-maria", "Maria Garcia")], d.Owners.Select(o => (o.Id, o.Name)));

        var sent = await Host.SentAsync();
        var card = Assert.Single(sent, c => c.IsPost && c.ConversationId == Chat.ChannelId);
        Assert.Contains("Predictive screening for hotline calls", card.CardText);
        Assert.Contains("Maria Garcia", card.CardText);
        Assert.Equal("Bearer connector-token", card.Authorization);
        var confirmation = Assert.Single(sent, c => c.IsPost && c.ActivityId == "9001");
        Assert.Equal(Chat.Thread("9001").Id, confirmation.ConversationId);
        Assert.Contains("Started", confirmation.CardText);
        var answerButton = card.Card!["actions"]![0]!;
        Assert.Equal("Action.Execute", answerButton["type"]!.GetValue<string>());
        Assert.Equal("Action.Submit", answerButton["fallback"]!["type"]!.GetValue<string>());

        // Sam presses Answer on the card in the channel: a note in-band, the questions in a new 1:1 chat.
        var pressed = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, Chat.Thread(card.ResponseId ?? "card"), "answer", Data(d.Id)));
        Assert.Equal("application/vnd.microsoft.activity.message", pressed!["type"]!.GetValue<string>());
        sent = await Host.SentAsync();
        var created = Assert.Single(sent, c => c.IsCreateConversation);
        Assert.Equal(TeamsTestHost.BotId, created.Body!["bot"]!["id"]!.GetValue<string>());
        Assert.Equal(Person.Sam.TeamsId, created.Body!["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(Activities.Tenant, created.Body!["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.False(created.Body!["isGroup"]!.GetValue<bool>());
        var groupPrompt = Assert.Single(sent, c => c.IsPost && c.ConversationId == Chat.Personal(Person.Sam).Id);
        Assert.Contains("stakeholder group", groupPrompt.CardText);

        // In the 1:1 chat: join as a frontline worker, then answer every question; each answer replaces the card in-band.
        var personal = Chat.Personal(Person.Sam);
        var next = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, personal, "join", Data(d.Id, ("group", "frontline_worker"), ("anonymous", "false"))));
        var answered = 0;
        while (Submit(next) is { } submit)
        {
            var data = submit["data"]!.AsObject().DeepClone().AsObject();
            data["answer"] = AnswerFor(next!["value"]!.AsObject());
            data["concern"] = answered == 0 ? "true" : "false";
            next = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, personal, "submit-answer", data));
            Assert.Equal(200, next!["statusCode"]!.GetValue<int>());
            answered++;
            Assert.True(answered < 30, "the flow should end");
        }

        Assert.True(answered >= 5, $"answered {answered} questions");
        Assert.Contains("every question", Texts.Of(next!["value"]!), StringComparison.OrdinalIgnoreCase);

        // The card in the channel is updated in place with the progress (as answers came in; the last shows it all).
        sent = await Host.SentAsync();
        var updates = sent.Where(c => c.IsUpdate).ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal((Chat.ChannelId, card.ResponseId), (u.ConversationId, u.ActivityId)));
        Assert.DoesNotContain(sent, c => c.IsPost && c.ConversationId == Chat.ChannelId);
        Assert.Contains("1 participant, 1 finished", updates[^1].CardText);

        // Sam may not close it; Maria, an owner, may.
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, Chat.Thread("9101"), "close", id: "9101"));
        sent = await Host.SentAsync();
        Assert.Contains("Only the facilitator", Assert.Single(sent).CardText);
        Assert.True((await Host.SingleDeliberationAsync()).IsOpen);

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Maria, Chat.Thread("9102"), "close", id: "9102"));
        Assert.False((await Host.SingleDeliberationAsync()).IsOpen);
        sent = await Host.SentAsync();
        var closedCard = Assert.Single(sent, c => c.IsUpdate);
        Assert.Contains("closed", closedCard.CardText);
        Assert.Null(closedCard.Card!["actions"]);
        Assert.Contains(sent, c => c.IsPost && c.CardText.Contains("Closed \"Predictive screening", StringComparison.Ordinal));
    }

    internal static JsonObject Data(Guid deliberationId, params (string Key, string Value)[] more)
    {
        var data = new JsonObject { ["deliberationId"] = deliberationId.ToString() };
        foreach (var (key, value) in more)
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>The submit-answer action of an in-band card answer, or null when the card asks nothing more.</summary>
    internal static JsonObject? Submit(JsonObject? invokeResponse) =>
        invokeResponse?["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive"
            ? invokeResponse["value"]!["actions"]?.AsArray().Select(a => a!.AsObject()).FirstOrDefault(a => a["verb"]?.GetValue<string>() == "submit-answer")
            : null;

    /// <summary>A valid answer for the card's input, whatever its kind.</summary>
    internal static string AnswerFor(JsonObject card)
    {
        var input = card["body"]!.AsArray().Select(n => n!.AsObject()).Single(n => n["id"]?.GetValue<string>() == "answer");
        return input["type"]!.GetValue<string>() switch
        {
            "Input.Text" => "It would flag calls for a second look.",
            "Input.Number" => "12",
            _ when input["isMultiSelect"]?.GetValue<bool>() == true => string.Join(",", input["choices"]!.AsArray().Take(2).Select(c => c!["value"]!.GetValue<string>())),
            _ => input["choices"]!.AsArray()[0]!["value"]!.GetValue<string>(),
        };
    }
}
