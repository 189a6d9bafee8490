using System.Net;
using System.Text.Json.Nodes;
using DeliberationBot.Teams.Tests.Deliberations;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>The endpoint's edges: malformed bodies, size, duplicates, invokes answered in the response.</summary>
public sealed class EndpointTests : HostTest
{
    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("""{"type":"message","id":"1","channelId":"msteams","from":{"id":"29:x"},"conversation":{"id":"a:1"}}""")]
    [InlineData("""{"type":"message","id":"1","serviceUrl":"SERVICE","channelId":"msteams","from":{"id":"29:x"}}""")]
    [InlineData("""{"type":"message","id":"1","serviceUrl":"SERVICE","channelId":"msteams","conversation":{"id":"a:1"},"from":{"id":"29:x"}}""")]
    [InlineData("""{"type":"messageUpdate","serviceUrl":"SERVICE","channelId":"msteams","from":{"id":"29:x"},"conversation":{"id":"a:1","conversationType":"personal","tenantId":"TENANT"},"text":"edited","channelData":{"eventType":"editMessage"}}""")]
    [InlineData("""{"type":"messageDelete","serviceUrl":"SERVICE","channelId":"msteams","from":{"id":"29:x"},"conversation":{"id":"a:1","conversationType":"personal","tenantId":"TENANT"},"channelData":{"eventType":"softDeleteMessage"}}""")]
    [InlineData("""{"type":"messageUpdate","id":"1","serviceUrl":"SERVICE","channelId":"msteams","from":{"id":"29:x"},"conversation":{"id":"a:1","tenantId":"TENANT"},"channelData":{"eventType":7}}""")]
    public async Task A_malformed_activity_gets_400_and_changes_nothing(string body)
    {
        using var response = await Host.PostAsync(new JsonObject(), rawBody: body.Replace("SERVICE", ServiceUrl, StringComparison.Ordinal).Replace("TENANT", Activities.Tenant, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Db.StoredRowsAsync());
        Assert.True(Host.Logs.Contains(Microsoft.Extensions.Logging.LogLevel.Warning, "malformed"));
    }

    [Theory]
    [InlineData("verb")]
    [InlineData("deliberationId")]
    [InlineData("text")]
    public async Task A_lone_surrogate_anywhere_in_the_activity_gets_400_and_changes_nothing(string field)
    {
        var activity = Activities.Submit(ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), new JsonObject { ["verb"] = "join", ["deliberationId"] = Guid.NewGuid().ToString() });
        activity["text"] = "hello";
        var body = activity.ToJsonString();
        var value = field == "text" ? "hello" : (string)activity["value"]![field]!;
        body = body.Replace($"\"{field}\":\"{value}\"", $"\"{field}\":\"x\\ud800\"", StringComparison.Ordinal);

        using var response = await Host.PostAsync(new JsonObject(), rawBody: body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Db.StoredRowsAsync());
        Assert.True(Host.Logs.Contains(Microsoft.Extensions.Logging.LogLevel.Warning, "malformed"));
    }

    [Fact]
    public async Task An_oversized_body_is_refused()
    {
        var activity = Activities.Message(ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), new string('x', 600 * 1024));
        using var response = await Host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await Db.StoredRowsAsync());
    }

    [Fact]
    public async Task A_redelivered_activity_has_no_second_effect()
    {
        var start = Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\"", id: "777");
        await Host.SendAsync(start);
        await Host.SendAsync(start);
        await Host.SingleDeliberationAsync();
        var sent = await Host.SentAsync();
        Assert.Equal(2, sent.Count); // the card and one confirmation, not two of each
        Assert.True(Host.Logs.Contains(Microsoft.Extensions.Logging.LogLevel.Information, "already handled"));

        // The same id in another conversation is another activity.
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("5"), "start quick-check \"Elsewhere\"", id: "777"));
        Assert.Equal(2, (await Db.DeliberationIdsAsync()).Count);
    }

    [Fact]
    public async Task An_invoke_is_answered_in_the_response()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\""));
        var d = await Host.SingleDeliberationAsync();
        var personal = Chat.Personal(Person.Sam);
        var answer = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, personal, "join", JourneyTests.Data(d.Id, ("group", "community"))));
        Assert.Equal(200, answer!["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", answer["type"]!.GetValue<string>());
        Assert.Equal("1.5", answer["value"]!["version"]!.GetValue<string>());
        Assert.NotNull(JourneyTests.Submit(answer));

        // The same invoke again (a Teams retry) shows where Sam stands, and joins nobody twice.
        var again = Activities.Execute(ServiceUrl, Person.Sam, personal, "join", JourneyTests.Data(d.Id, ("group", "vendor")));
        again["id"] = "dup-1";
        var first = await Host.SendAsync(again);
        var second = await Host.SendAsync(again);
        Assert.Equal(first!["type"]!.ToString(), second!["type"]!.ToString());
    }

    [Fact]
    public async Task An_unknown_card_verb_is_an_error_in_the_invoke_body()
    {
        var answer = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "explode", new JsonObject()));
        Assert.Equal(400, answer!["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", answer["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Markup_and_mentions_in_what_people_write_are_rendered_inert()
    {
        var title = "**URGENT** [free money](https://evil.example) <at>Everyone</at>";
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), $"start quick-check \"{title}\""));
        var d = await Host.SingleDeliberationAsync();
        var personal = Chat.Personal(Person.Sam);
        await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, personal, "join", JourneyTests.Data(d.Id, ("group", "community"))));
        var data = JourneyTests.Data(d.Id, ("questionId", "purpose"), ("kind", "FreeText"), ("answer", "<at>Maria Garcia</at> **look** [here](https://evil.example)"));
        await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, personal, "submit-answer", data));
        var edit = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, personal, "edit", JourneyTests.Data(d.Id, ("questionId", "purpose"))));

        var sent = await Host.SentAsync();
        Assert.Contains("look", Texts.Of(edit!["value"]!), StringComparison.Ordinal); // the answer is shown again, for editing
        foreach (var body in sent.Select(c => (JsonNode)c.Body!).Append(edit))
        {
            // The summary line is plain text (notifications and the chat list render no Markdown), so only mentions matter there.
            var summary = body["summary"]?.GetValue<string>();
            Assert.DoesNotContain(Texts.AllStrings(body), s => s.Contains("<at", StringComparison.OrdinalIgnoreCase) || (s != summary && s.Contains("[free money](", StringComparison.Ordinal)));
            Assert.DoesNotContain("\"entities\"", body.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.Contains(sent.SelectMany(c => Texts.AllStrings(c.Body)), s => s == @"\*\*URGENT\*\* \[free money\](https://evil.example) Everyone");
    }

    [Fact]
    public async Task Other_invokes_are_not_implemented()
    {
        var invoke = Activities.Base("invoke", ServiceUrl, Person.Sam, Chat.Personal(Person.Sam));
        invoke["name"] = "composeExtension/query";
        using var response = await Host.PostAsync(invoke);
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task The_service_url_is_refreshed_from_each_activity()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "help"));
        var moved = ServiceUrl.TrimEnd('/'); // a different URL for the same connector, as after a region move
        using var response = await Host.PostAsync(Activities.Message(moved, Person.Fiona, Chat.Group, "help"), Host.Key.Token(moved));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = await Host.References.FindConversationAsync(Activities.Tenant, Chat.Group.Id, CancellationToken.None);
        var fiona = await Host.References.FindUserAsync(Activities.Tenant, Person.Fiona.TeamsId, CancellationToken.None);
        Assert.Equal((moved, moved), (conversation?.ServiceUrl, fiona?.ServiceUrl));
    }
}
