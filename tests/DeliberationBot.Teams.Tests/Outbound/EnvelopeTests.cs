using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Outbound;

/// <summary>What the bot sends carries the addressing Bot Framework clients expect, and its help uses the bot's own name.</summary>
public sealed class EnvelopeTests : HostTest
{
    [Fact]
    public async Task A_reply_names_its_conversation_the_bot_the_person_and_the_message_it_answers()
    {
        var help = Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("5001"), "help", id: "5001");
        help["recipient"]!["name"] = "Screening Helper";
        help["text"] = "<at>Screening Helper</at> help";
        help["entities"] = new System.Text.Json.Nodes.JsonArray(Activities.Mention(TeamsTestHost.BotId, "Screening Helper"));
        await Host.SendAsync(help);

        var reply = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        var body = reply.Body!;
        Assert.Equal(Chat.Thread("5001").Id, body["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal(Activities.Tenant, body["conversation"]!["tenantId"]!.GetValue<string>());
        Assert.Equal((TeamsTestHost.BotId, "Screening Helper"), (body["from"]!["id"]!.GetValue<string>(), body["from"]!["name"]!.GetValue<string>()));
        Assert.Equal(Person.Fiona.TeamsId, body["recipient"]!["id"]!.GetValue<string>());
        Assert.Null(body["recipient"]!["name"]); // optional, and the stored references keep no names
        Assert.Equal("5001", body["replyToId"]!.GetValue<string>());
        Assert.Equal("msteams", body["channelId"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["summary"]!.GetValue<string>()));
        Assert.Contains("@Screening Helper status", reply.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("DeliberationBot", reply.CardText, StringComparison.Ordinal);
    }
}
