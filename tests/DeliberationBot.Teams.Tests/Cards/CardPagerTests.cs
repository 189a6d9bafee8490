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

    [Fact]
    public void Pages_filled_from_each_parts_size_are_the_pages_found_by_building_every_candidate()
    {
        var random = new Random(20261204);
        string[] pieces = ["The score adds ten minutes of data entry per case. ", "\"quoted\" ", "back\\slash ", "é ", "中文 ", "\U0001F600 ", "<b>&amp;</b> ", "\n"];
        string Words(int max) => string.Concat(Enumerable.Range(0, random.Next(0, max)).Select(_ => pieces[random.Next(pieces.Length)]));
        for (var i = 0; i < 60; i++)
        {
            // Parts of one to three elements, some longer than a page (split between elements, then between words).
            var parts = Enumerable.Range(0, random.Next(1, 80)).Select(_ => (IReadOnlyList<JsonNode?>)[.. Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => (JsonNode?)(random.Next(10) == 0 ? Card.Facts([("Raised by", Words(20)), ("Group", Words(5))]) : Card.Text(Words(random.Next(10) == 0 ? 1500 : 60))))])
                .ToList();
            JsonNode?[] actions = random.Next(2) == 0 ? [] : [Card.Execute("Open the record", "open", Card.Data(("id", Words(3))))];
            var layout = new CardLayout([Card.Heading(Words(8)), null], parts, "Weekly digest (continued)", actions);

            var pages = CardPager.Pages(layout);

            // The same page breaks, and no page that would not fit left for the final check to catch.
            List<IReadOnlyList<JsonNode?>> Copy() => [.. parts.Select(p => (IReadOnlyList<JsonNode?>)[.. p])];
            Assert.Equal(CardPager.FillByBuilding(layout, Copy()), CardPager.FillBySize(layout, Copy()));
            Assert.Equal(CardPager.PagesByBuilding(layout).Select(p => p.ToJsonString()), pages.Select(p => p.ToJsonString()));
            Assert.All(pages, p => Assert.True(CardPager.Fits(p)));
        }
    }

    [Fact]
    public void A_part_that_fills_a_page_to_the_last_byte_stays_on_it_and_one_byte_more_moves_it_to_the_next()
    {
        // Ten parts, then one whose length is found so that the first page is full to the byte, as measured by building it.
        CardLayout Layout(int length) => new(
            [Card.Heading("Weekly digest")],
            [.. Enumerable.Range(0, 10).Select(_ => (IReadOnlyList<JsonNode?>)[Card.Text(new string('a', 2000))]), [Card.Text(new string('b', length)), Card.Text("é")], [Card.Text("the rest")]],
            "Weekly digest (continued)");
        bool OnFirstPage(int length) => CardPager.FillByBuilding(Layout(length), [.. Layout(length).Parts]).First().Contains(10);
        var (low, high) = (0, 20_000); // the part fits at low, not at high
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            (low, high) = OnFirstPage(middle) ? (middle, high) : (low, middle);
        }

        foreach (var length in (int[])[low, high])
        {
            Assert.Equal(CardPager.FillByBuilding(Layout(length), [.. Layout(length).Parts]), CardPager.FillBySize(Layout(length), [.. Layout(length).Parts]));
        }
    }
}
