using System.Net;
using System.Text.Json.Nodes;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>Through the real endpoint with a valid token: a field of the wrong type is a 400, and nothing is stored.</summary>
public sealed class WronglyTypedActivityTests : HostTest
{
    [Theory]
    [InlineData("invoke", "channelData.tenant.id", "{\"id\":1}")]
    [InlineData("invoke", "value.action.verb", "true")]
    [InlineData("invoke", "value.action.data", "[\"deliberationId\"]")]
    [InlineData("invoke", "value.action", "42")]
    [InlineData("message", "value", "\"join\"")]
    [InlineData("message", "channelData.team.id", "19")]
    [InlineData("message", "entities", "[{\"type\":\"mention\",\"mentioned\":\"28:bot\"}]")]
    [InlineData("message", "membersAdded", "{\"id\":\"29:x\"}")]
    public async Task Gets_400_and_changes_nothing(string type, string path, string json)
    {
        var data = new JsonObject { ["verb"] = "join", ["deliberationId"] = Guid.NewGuid().ToString(), ["group"] = "community" };
        var activity = type == "invoke"
            ? Activities.Execute(ServiceUrl, Person.Sam, Chat.Channel, "join", data)
            : Activities.Submit(ServiceUrl, Person.Sam, Chat.Channel, data);

        using var response = await Host.PostAsync(new JsonObject(), rawBody: WrongTyped.Set(activity, path, json).ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Db.StoredRowsAsync());
        Assert.True(Host.Logs.Contains(LogLevel.Warning, "malformed"));
        Assert.False(Host.Logs.Contains(LogLevel.Error, ""));
    }

    [Fact]
    public async Task Numbers_and_booleans_in_submitted_fields_are_read_as_their_text()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\" anonymous"));
        var d = await Host.SingleDeliberationAsync();
        await Host.SentAsync();

        var personal = Chat.Personal(Person.Sam);
        var join = new JsonObject { ["verb"] = "join", ["deliberationId"] = d.Id.ToString(), ["group"] = "community", ["anonymous"] = true };
        using var response = await Host.PostAsync(Activities.Submit(ServiceUrl, Person.Sam, personal, join));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var participant = Assert.Single(await Host.Store.ListParticipantsAsync(Activities.Tenant, d.Id, CancellationToken.None));
        Assert.True(participant.Anonymous);
    }
}
