using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Teams.Inbound;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>Activities parsed once, at the edge, into typed records: channel data, invoke actions and card fields.</summary>
public sealed class TypedActivityTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/teams/";

    private static Activity Parse(JsonObject activity) => ActivityJson.Parse(Encoding.UTF8.GetBytes(activity.ToJsonString()));

    [Fact]
    public void Channel_data_gives_the_tenant_team_and_channel()
    {
        var activity = Parse(Activities.Message(ServiceUrl, Person.Fiona, Chat.Channel, "help"));

        Assert.Equal(Activities.Tenant, activity.TenantId);
        Assert.Equal((Chat.TeamId, "Child welfare"), (activity.ChannelData?.Team?.Id, activity.ChannelData?.Team?.Name));
        Assert.Equal((Chat.ChannelId, "General"), (activity.ChannelData?.Channel?.Id, activity.ChannelData?.Channel?.Name));
    }

    [Fact]
    public void Without_channel_data_the_tenant_comes_from_the_conversation()
    {
        var message = Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "help");
        message.Remove("channelData");

        Assert.Equal(Activities.Tenant, Parse(message).TenantId);
    }

    [Fact]
    public void An_invoke_carries_a_typed_action_with_its_verb_and_data()
    {
        var id = Guid.NewGuid();
        var execute = Activities.Execute(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "join", new JsonObject { ["deliberationId"] = id.ToString(), ["group"] = "community" });

        var value = Parse(execute).Value!;
        Assert.Equal(("Action.Execute", "join"), (value.Action?.Type, value.Action?.Verb));
        var (verb, data) = value.Invoked();
        Assert.Equal("join", verb);
        Assert.Equal(id, data.Id("deliberationId"));
        Assert.Equal("community", data.Str("group"));
        Assert.Equal("manual", value.Inputs.Str("trigger"));
    }

    [Fact]
    public void An_invoke_without_its_own_verb_takes_the_one_in_its_data()
    {
        var execute = Activities.Execute(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "join", new JsonObject { ["verb"] = "edit" });
        execute["value"]!["action"]!.AsObject().Remove("verb");

        Assert.Equal("edit", Parse(execute).Value!.Invoked().Verb);
    }

    [Fact]
    public void Submitted_fields_are_text_numbers_and_booleans_kept_as_written_and_nested_objects_left_out()
    {
        var submit = Activities.Submit(ServiceUrl, Person.Sam, Chat.Group, new JsonObject
        {
            ["verb"] = "submit-answer",
            ["answer"] = 15.50m,
            ["anonymous"] = true,
            ["concern"] = false,
            ["msteams"] = new JsonObject { ["type"] = "messageBack" },
            ["cleared"] = null,
        });

        var (verb, data) = Parse(submit).Value!.Submitted();
        Assert.Equal("submit-answer", verb);
        Assert.Equal("15.50", data.Str("answer"));
        Assert.True(data.Flag("anonymous"));
        Assert.False(data.Flag("concern"));
        Assert.Equal(["anonymous", "answer", "concern", "verb"], data.Fields.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_message_without_a_value_has_none()
    {
        Assert.Null(Parse(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "help")).Value);
    }

    [Theory]
    [InlineData("channelData.tenant.id", "42")]
    [InlineData("channelData.team", "\"19:team\"")]
    [InlineData("channelData.channel.name", "[]")]
    [InlineData("value", "\"a string\"")]
    [InlineData("value", "[1,2]")]
    [InlineData("value.action", "\"join\"")]
    [InlineData("value.action.verb", "7")]
    [InlineData("value.action.data", "\"x\"")]
    [InlineData("from.id", "{}")]
    [InlineData("conversation.isGroup", "\"yes\"")]
    [InlineData("entities", "{}")]
    [InlineData("type", "1")]
    public void A_field_of_the_wrong_type_is_malformed(string path, string json)
    {
        var activity = Activities.Execute(ServiceUrl, Person.Sam, Chat.Channel, "join", new JsonObject { ["group"] = "community" });

        Assert.Throws<JsonException>(() => Parse(WrongTyped.Set(activity, path, json)));
    }
}

/// <summary>Puts a raw JSON value at a dotted path of an activity, making the objects on the way.</summary>
internal static class WrongTyped
{
    public static JsonObject Set(JsonObject activity, string path, string json)
    {
        var names = path.Split('.');
        var node = activity;
        foreach (var name in names[..^1])
        {
            node = node[name] as JsonObject ?? (JsonObject)(node[name] = new JsonObject());
        }

        node[names[^1]] = JsonNode.Parse(json);
        return activity;
    }
}
