using System.Text.Json.Nodes;
using DeliberationBot.Teams.Inbound;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Inbound;

public sealed class MentionTextTests
{
    private static (string Text, IReadOnlyList<Mention> Mentions) Normalise(string text, params JsonObject[] entities)
    {
        var activity = Activities.Base("message", "https://smba.trafficmanager.net/teams/", Person.Fiona, Chat.Group);
        activity["text"] = text;
        activity["entities"] = new JsonArray([.. entities]);
        return MentionText.Normalise(ActivityJson.Parse(System.Text.Encoding.UTF8.GetBytes(activity.ToJsonString())));
    }

    [Fact]
    public void The_bots_own_mention_is_stripped()
    {
        Assert.Equal("status", Normalise("<at>DeliberationBot</at> status", Activities.BotMention).Text);
        Assert.Equal("status", Normalise("status <AT>DeliberationBot</AT>", Activities.BotMention).Text);
    }

    [Fact]
    public void Without_entity_text_the_bot_is_found_by_its_name()
    {
        var entity = Activities.BotMention;
        entity.Remove("text");
        Assert.Equal("help", Normalise("<at>DeliberationBot</at> help", entity).Text);
    }

    [Fact]
    public void Other_mentions_become_single_words_that_Core_resolves()
    {
        var (text, mentions) = Normalise(
            "<at>DeliberationBot</at> start quick-check \"A\" owner:<at>Maria Garcia</at>,<at>Sam Screener</at>",
            Activities.BotMention, Activities.Mention(Person.Maria), Activities.Mention(Person.Sam));
        Assert.Equal("start quick-check \"A\" owner:@Maria_Garcia,@Sam_Screener", text);
        Assert.Equal([("Maria_Garcia", "29:maria", "Maria Garcia"), ("Sam_Screener", "29:sam", "Sam Screener")], mentions.Select(m => (m.Key, m.TeamsId, m.Name)));
    }

    [Fact]
    public void Two_people_with_the_same_name_get_different_keys()
    {
        var (_, mentions) = Normalise("<at>Alex</at> <at>Alex</at>", Activities.Mention("29:a1", "Alex"), Activities.Mention("29:a2", "Alex"));
        Assert.Equal(["Alex", "Alex_2"], mentions.Select(m => m.Key));
    }

    [Fact]
    public void Html_from_the_rich_editor_is_reduced_to_the_typed_text()
    {
        Assert.Equal("start quick-check \"Costs & benefits\"", Normalise("<p>start quick-check&nbsp;&quot;Costs &amp; benefits&quot;</p>").Text);
    }
}
