using System.Text;
using System.Text.Json.Nodes;
using DeliberationBot.Teams.Cards;

namespace DeliberationBot.Teams.Tests.Cards;

public sealed class CardPagerTests
{
    [Fact]
    public void A_card_is_measured_as_the_UTF8_bytes_of_its_JSON_whatever_its_text()
    {
        var random = new Random(20261203);
        string[] pieces = ["plain words ", "\"quoted\" ", "back\\slash ", "é ", "中文 ", "\U0001F600 ", "<b>&amp;</b> ", "\n\t", "\u0001", "'"];
        for (var i = 0; i < 200; i++)
        {
            var card = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["version"] = "1.5",
                ["body"] = new JsonArray([.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => (JsonNode)new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["text"] = string.Concat(Enumerable.Range(0, random.Next(0, 600)).Select(_ => pieces[random.Next(pieces.Length)])),
                    ["wrap"] = random.Next(2) == 0,
                    ["maxLines"] = random.Next(0, 100),
                    ["id"] = null,
                })]),
            };

            Assert.Equal(Encoding.UTF8.GetByteCount(card.ToJsonString()), CardPager.Bytes(card));
        }
    }
}
