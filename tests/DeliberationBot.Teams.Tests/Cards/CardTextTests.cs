using DeliberationBot.Teams.Cards;

namespace DeliberationBot.Teams.Tests.Cards;

public sealed class CardTextTests
{
    [Theory]
    [InlineData("plain words, 2026-12-18", "plain words, 2026-12-18")]
    [InlineData("**bold** and _it_", "\\*\\*bold\\*\\* and \\_it\\_")]
    [InlineData("[click](https://evil.example)", "\\[click\\](https://evil.example)")]
    [InlineData("<at>Bob</at> please", "Bob please")]
    [InlineData("<AT id=\"0\">Bob</AT>", "Bob")]
    [InlineData("- item\n+ other\n# head\n> quote", "\\- item\n\n\\+ other\n\n\\# head\n\n\\> quote")]
    [InlineData("1. first\n22) second", "1\\. first\n\n22\\) second")]
    [InlineData("one\ntwo\r\nthree\n\n\nfour\rfive", "one\n\ntwo\n\nthree\n\nfour\n\nfive")]
    [InlineData("a < b and back\\slash", "a \\< b and back\\\\slash")]
    [InlineData("bell\u0007", "bell")]
    public void User_text_is_escaped_for_TextBlocks(string input, string expected) => Assert.Equal(expected, CardText.Escape(input));

    [Fact]
    public void Plain_text_only_loses_mention_tags() => Assert.Equal("Hi Bob *", CardText.Plain("Hi <at>Bob</at> *"));
}
