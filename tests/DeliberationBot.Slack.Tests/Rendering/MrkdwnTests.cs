using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Tests.Rendering;

public sealed class MrkdwnTests
{
    [Theory]
    [InlineData("a & b < c > d", "a &amp; b &lt; c &gt; d")]
    [InlineData("<!channel>", "&lt;!channel&gt;")]
    [InlineData("&lt;", "&amp;lt;")]
    [InlineData("*bold* _it_", "*bold* _it_")]
    [InlineData("a&b<c>d", "a&amp;b&lt;c&gt;d")]
    [InlineData("<<>>&&", "&lt;&lt;&gt;&gt;&amp;&amp;")]
    [InlineData("fish & chips 😀 <", "fish &amp; chips 😀 &lt;")]
    public void Escape_makes_the_three_special_characters_literal(string input, string expected) =>
        Assert.Equal(expected, Mrkdwn.Escape(input));

    [Fact]
    public void Escape_changes_each_special_character_and_keeps_everything_else_as_it_was()
    {
        var random = new Random(20261203);
        const string alphabet = "ab &<>\né😀;#@!";
        for (var i = 0; i < 500; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var expected = string.Concat(text.Select(c => c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() }));
            Assert.Equal(expected, Mrkdwn.Escape(text));
        }
    }

    [Theory]
    [InlineData("<@U123|maria> and <@U456>", "@maria and @U456")]
    [InlineData("hey <!channel> <!here> <!everyone>", "hey @channel @here @everyone")]
    [InlineData("<!here|@here> <!subteam^S1|@ops> <!date^1392734382^{date}|Feb 18>", "@here @ops Feb 18")]
    [InlineData("<https://evil.example|click> <https://ok.example>", "click (https://evil.example) https://ok.example")]
    [InlineData("<#C123|general>", "#general")]
    [InlineData("5 &lt; 6 &amp;&amp; 7 &gt; 6", "5 < 6 && 7 > 6")]
    [InlineData("&lt;!channel&gt;", "<!channel>")]
    public void FromSlack_turns_encoded_inbound_text_into_plain_text(string encoded, string plain) =>
        Assert.Equal(plain, Mrkdwn.FromSlack(encoded));

    [Fact]
    public void Plain_text_from_Slack_escaped_again_can_never_form_a_control_sequence()
    {
        var roundTrip = Mrkdwn.Escape(Mrkdwn.FromSlack("&lt;!channel&gt; <!here> <@U1>"));
        Assert.DoesNotContain('<', roundTrip);
        Assert.DoesNotContain('>', roundTrip);
    }

    [Fact]
    public void Truncation_marks_the_cut_and_never_splits_an_entity_or_a_surrogate_pair()
    {
        Assert.Equal("abcd…", Mrkdwn.Truncate("abcdefgh", 5));
        Assert.Equal("short", Mrkdwn.Truncate("short", 5));
        Assert.Equal("ab…", Mrkdwn.TruncateEscaped("ab&amp;cdef", 6));
        Assert.Equal("a…", Mrkdwn.Truncate("a😀😀😀", 3));
    }

    [Fact]
    public void Mentions_are_live_only_for_real_Slack_user_ids()
    {
        Assert.Equal("<@U0MARIA>", Mrkdwn.Mention(new UserRef("U0MARIA", "maria")));
        Assert.Equal("@&lt;!here&gt;", Mrkdwn.Mention(new UserRef("<!here>")));
    }

    [Fact]
    public void Command_text_keeps_the_mentions_the_parser_reads_as_people_and_neutralises_everything_else()
    {
        var text = InboundText.ForCommand("start quick-check \"Budget <!channel> &lt;b&gt; <https://x.example|click here>\" owner:<@U1|maria>,<@U2|jo> due:2026-12-18 OWNER:<@U3>");
        Assert.Equal("start quick-check \"Budget @channel <b> click here (https://x.example)\" owner:<@U1|maria>,<@U2|jo> due:2026-12-18 OWNER:<@U3>", text);
        Assert.Equal("start x \"@U1 said\" owner:@bob", InboundText.ForCommand("start x \"<@U1> said\" owner:@bob"));
        Assert.Equal("report revoke <@U1|maria>", InboundText.ForCommand("report revoke <@U1|maria>"));
        Assert.Equal("concern \"report revoke @maria\"", InboundText.ForCommand("concern \"report revoke <@U1|maria>\""));

        // Someone mentioned right after a start command's owners stays a person, for the parser to refuse as an owner
        // written without owner:; a mention elsewhere in the command is text.
        Assert.Equal("start x \"T\" owner:<@U1|maria> <@U2|lee> <@U3>", InboundText.ForCommand("start x \"T\" owner:<@U1|maria> <@U2|lee> <@U3>"));
        Assert.Equal("start x \"T\" owner:<@U1|maria> due:2026-12-18 @lee", InboundText.ForCommand("start x \"T\" owner:<@U1|maria> due:2026-12-18 <@U2|lee>"));
        Assert.Equal("condition \"C\" owner:<@U1|maria> @lee", InboundText.ForCommand("condition \"C\" owner:<@U1|maria> <@U2|lee>"));
    }

    [Fact]
    public void A_mention_without_a_name_is_written_by_the_name_looked_up_for_it_exactly_as_that_name_is()
    {
        var names = new Dictionary<string, string> { ["U1"] = "Tom & <Jerry> &amp;", ["U2"] = "Maria Garcia" };

        Assert.Equal("@Tom & <Jerry> &amp; asked @U3 &amp; @bob", Mrkdwn.FromSlack("<@U1> asked <@U3> &amp;amp; <@U4|bob>", names));
        Assert.Equal("Ask @Maria Garcia", InboundText.ForMessage("<@U0BOT> Ask <@U2>", "U0BOT", names));
        Assert.Equal(
            "start x \"@Maria Garcia said\" owner:<@U2|Maria Garcia>,<@U1|Tom & <Jerry &amp;>,<@U3>,<@U4|bob>",
            InboundText.ForCommand("start x \"<@U2> said\" owner:<@U2>,<@U1>,<@U3>,<@U4|bob>", names));
        Assert.Equal(["U1", "U2", "U3", "U1"], Mrkdwn.MentionedPeople("<@U1> <@U2|x> <@U3> <!here> <#C1> <@U1>"));

        // A slash command's handle gives way to the name Slack shows, as the writer saw it.
        Assert.Equal("@Maria Garcia, @bob", Mrkdwn.FromSlack("<@U2|maria>, <@U4|bob>", names));
        Assert.Equal("owner:<@U2|Maria Garcia>,<@U4|bob>", InboundText.ForCommand("owner:<@U2|maria>,<@U4|bob>", names));
    }

    [Fact]
    public void Plain_text_objects_break_up_anything_that_could_open_a_control_sequence()
    {
        var inert = Mrkdwn.Inert("a <!here> <@U1> <#C1> <https://x> <b> 1 < 2");
        Assert.DoesNotContain("<!", inert, StringComparison.Ordinal);
        Assert.DoesNotContain("<@", inert, StringComparison.Ordinal);
        Assert.DoesNotContain("<h", inert, StringComparison.Ordinal);
        Assert.Contains("<b> 1 < 2", inert, StringComparison.Ordinal);
    }
}
