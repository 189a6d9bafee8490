using System.Text.Json.Nodes;
using DeliberationBot.Teams.Tests.Deliberations;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>The Action.Submit fallback: clicks arrive as messages with a value; replies go through the outbox.</summary>
public sealed class CardSubmitTests : HostTest
{
    [Fact]
    public async Task Answering_round_trips_through_submitted_cards()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\" anonymous"));
        var d = await Host.SingleDeliberationAsync();
        await Host.SentAsync();

        // Answer pressed in the group chat: the group prompt goes to Sam privately, not into the group.
        await Host.SendAsync(Activities.Submit(ServiceUrl, Person.Sam, Chat.Group, JourneyTests.Data(d.Id, ("verb", "answer"))));
        var sent = await Host.SentAsync();
        Assert.DoesNotContain(sent, c => c.IsPost && c.ConversationId == Chat.Group.Id);
        var prompt = Assert.Single(sent, c => c.IsPost);
        Assert.Equal(Chat.Personal(Person.Sam).Id, prompt.ConversationId);
        var toggle = prompt.Card!["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == "anonymous");
        Assert.Equal("Input.Toggle", toggle!["type"]!.GetValue<string>());

        // Sam submits the group card (inputs merged into the data), anonymously, then the first question.
        var personal = Chat.Personal(Person.Sam);
        var join = prompt.Card["actions"]![0]!["fallback"]!["data"]!.AsObject().DeepClone().AsObject();
        join["group"] = "community";
        join["anonymous"] = "true";
        await Host.SendAsync(Activities.Submit(ServiceUrl, Person.Sam, personal, join));
        var afterJoin = await Host.SentAsync();
        var question = Assert.Single(afterJoin, c => c.IsPost);
        Assert.Equal(personal.Id, question.ConversationId);
        Assert.Contains(afterJoin, c => c.IsUpdate && c.ConversationId == Chat.Group.Id); // the progress card
        Assert.Contains("anonymous", question.CardText, StringComparison.Ordinal);

        var submit = question.Card!["actions"]![0]!["fallback"]!["data"]!.AsObject().DeepClone().AsObject();
        submit["answer"] = JourneyTests.AnswerFor(question.Card);
        submit["concern"] = "false";
        await Host.SendAsync(Activities.Submit(ServiceUrl, Person.Sam, personal, submit));
        var next = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Contains("1 answered · ", next.CardText, StringComparison.Ordinal);
        var participant = Assert.Single(await Host.Store.ListParticipantsAsync(Activities.Tenant, d.Id, CancellationToken.None));
        Assert.True(participant.Anonymous);
        Assert.Null(participant.UserId);
    }

    [Fact]
    public async Task The_start_form_starts_a_deliberation()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start"));
        var form = Assert.Single(await Host.SentAsync());
        Assert.Contains("Start a deliberation", form.CardText, StringComparison.Ordinal);
        Fake.AddToRoster(Person.Maria);

        var answer = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Fiona, Chat.Group, "start-form", new JsonObject
        {
            ["flow"] = "quick-check",
            ["title"] = "Chatbot for benefit questions",
            ["owners"] = Person.Maria.AadId,
            ["due"] = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["anonymity"] = "AnonymousOnly",
        }));
        Assert.Contains("Started", Texts.Of(answer!["value"]!), StringComparison.Ordinal);
        var d = await Host.SingleDeliberationAsync();
        Assert.Equal(("aad-maria", "Maria Garcia"), (d.Owners[0].Id, d.Owners[0].Name));
        Assert.Equal(Core.Deliberations.AnonymityPolicy.AnonymousOnly, d.Anonymity);
    }
}
