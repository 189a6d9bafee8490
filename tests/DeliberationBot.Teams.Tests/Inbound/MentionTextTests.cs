using System.Text.Json.Nodes;
using DeliberationBot.Teams.Inbound;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Inbound;

public sealed class MentionTextTests
{
    private static (string Text, IReadOnlyList<Mention> Mentions) Normalise(string text, params JsonObject[] entities) =>
        Normalise(Message(text, entities));

    private static (string Text, IReadOnlyList<Mention> Mentions) NormaliseWithHtml(string text, string html, params JsonObject[] entities) =>
        Normalise(Activities.WithHtml(Message(text, entities), html));

    private static JsonObject Message(string text, JsonObject[] entities)
    {
        var activity = Activities.Base("message", "https://smba.trafficmanager.net/teams/", Person.Fiona, Chat.Group);
        activity["text"] = text;
        activity["entities"] = new JsonArray([.. entities]);
        return activity;
    }

    private static (string Text, IReadOnlyList<Mention> Mentions) Normalise(JsonObject activity) =>
        MentionText.Normalise(ActivityJson.Parse(System.Text.Encoding.UTF8.GetBytes(activity.ToJsonString())));

    private static readonly string Bot = Activities.MentionSpan(0, "DeliberationBot");

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

    [Fact]
    public void Line_breaks_lost_from_the_text_are_taken_from_the_messages_html()
    {
        // Teams' text joins the lines with spaces; its HTML keeps each line in a block, with layout whitespace between tags.
        var (text, _) = NormaliseWithHtml(
            "<at>DeliberationBot</at> concern \"First line  Second line\"",
            $"<div>\r\n<div itemprop=\"copy-paste-block\">{Bot} concern &quot;First line\n</div>\r\n<div>Second line&quot;</div></div>",
            Activities.BotMention);
        Assert.Equal("concern \"First line\nSecond line\"", text);
    }

    [Fact]
    public void Breaks_and_empty_paragraphs_keep_their_lines()
    {
        var (text, _) = NormaliseWithHtml(
            "<at>DeliberationBot</at> concern One Two   Three",
            $"<p>{Bot}&nbsp;concern One<br>Two</p><p>&nbsp;</p><p>Three</p>",
            Activities.BotMention);
        Assert.Equal("concern One\nTwo\n\nThree", text);
    }

    [Fact]
    public void Other_mentions_in_the_html_become_the_same_single_words()
    {
        var (text, mentions) = NormaliseWithHtml(
            "<at>DeliberationBot</at> start quick-check \"A B\" owner:<at>Maria Garcia</at>",
            $"<div>{Bot} start quick-check &quot;A</div><div>B&quot; owner:{Activities.MentionSpan(1, "Maria Garcia")}</div>",
            Activities.BotMention, Activities.Mention(Person.Maria));
        Assert.Equal("start quick-check \"A\nB\" owner:@Maria_Garcia", text);
        Assert.Equal(["Maria_Garcia"], mentions.Select(m => m.Key));
    }

    [Fact]
    public void Html_whose_words_differ_from_the_text_is_not_used()
    {
        // The text decides the words; HTML that disagrees (an edit, a renamed bot, a missing mention) costs only the breaks.
        Assert.Equal("concern \"First line Second line\"", NormaliseWithHtml(
            "<at>DeliberationBot</at> concern \"First line Second line\"",
            $"<div>{Bot} concern &quot;First line</div><div>Second lime&quot;</div>",
            Activities.BotMention).Text);
        Assert.Equal("concern \"First line Second line\"", NormaliseWithHtml(
            "<at>DeliberationBot</at> concern \"First line Second line\"",
            "<div>concern &quot;First line</div><div>Second line&quot;</div>",
            Activities.BotMention).Text);
    }

    [Fact]
    public void Text_that_is_itself_html_keeps_its_lines()
    {
        var (text, _) = Normalise(
            $"<div><div><span itemscope=\"\" itemtype=\"http://schema.skype.com/Mention\" itemid=\"0\"><at>DeliberationBot</at></span> concern &quot;One</div><div>Two&quot;</div></div>",
            Activities.BotMention);
        Assert.Equal("concern \"One\nTwo\"", text);
    }

    [Fact]
    public void A_quoted_reply_keeps_its_own_lines_and_never_the_words_it_quotes()
    {
        // Teams puts the message quoted (a question card, say) in the HTML only; the text holds the reply alone.
        var quoted = "<blockquote itemscope=\"\" itemtype=\"http://schema.skype.com/Reply\" itemid=\"1700000000000\">\r\n" +
            "<strong itemprop=\"mri\" itemid=\"28:bot\">DeliberationBot</strong><span itemprop=\"time\" itemid=\"1700000000000\"></span>\r\n" +
            "<p itemprop=\"preview\">Whose lives would the tool's results affect most directly?</p>\r\n</blockquote>";
        var (text, _) = NormaliseWithHtml("1, 2 - families first  and then applicants", $"<div>{quoted}<p>1, 2 - families first</p><p>and then applicants</p></div>");

        Assert.Equal("1, 2 - families first\nand then applicants", text);
    }

    [Theory]
    [InlineData("<emoji id=\"1f622_cryingface\" alt=\"😢\" title=\"Crying face\"></emoji>")]
    [InlineData("<img itemscope=\"\" itemtype=\"http://schema.skype.com/Emoji\" itemid=\"cry\" src=\"https://statics.teams.cdn.office.net/cry.png\" title=\"Crying\" alt=\"😢\" style=\"width:20px\">")]
    public void An_emoji_keeps_the_lines_of_the_message_it_is_in(string emoji)
    {
        var (text, _) = NormaliseWithHtml("Nobody asked us 😢 And now it is late", $"<p>Nobody asked us {emoji}</p><p>And now it is late</p>");

        Assert.Equal("Nobody asked us 😢\nAnd now it is late", text);
    }
}
