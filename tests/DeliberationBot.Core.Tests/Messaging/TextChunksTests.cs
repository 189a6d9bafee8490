using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Tests.Messaging;

/// <summary>Long text split into pieces that each fit a platform's field, each shown as a paragraph of its own.</summary>
public sealed class TextChunksTests
{
    [Fact]
    public void A_long_paragraph_is_split_after_a_sentence_not_inside_one()
    {
        var sentences = Enumerable.Range(1, 40).Select(i => $"Sentence {i} says the appeal route must be in writing{(i % 3 == 0 ? "?" : ".")}").ToList();
        var text = string.Join(" ", sentences);

        var chunks = TextChunks.Split(text, 300);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(c.Length <= 300, c));
        // Every piece is whole sentences, and together they are the text as written.
        Assert.All(chunks, c => Assert.Matches(@"^Sentence \d+ .*[.?]$", c));
        Assert.Equal(text, string.Join(" ", chunks));
    }

    [Fact]
    public void Without_a_sentence_end_near_it_is_split_between_words_and_a_line_end_comes_first()
    {
        var words = string.Join(" ", Enumerable.Repeat("night shift workers were never asked", 20));
        var byWords = TextChunks.Split(words, 100);
        Assert.Equal(words, string.Join(" ", byWords));
        Assert.All(byWords, c => Assert.False(c.StartsWith(' ') || c.EndsWith(' ')));

        // A line end in the second half of the field is where it is split, though a sentence ends after it.
        var lines = "First thought, and a long one at that, said slowly.\nThen more. " + new string('y', 50);
        Assert.Equal(["First thought, and a long one at that, said slowly.", "Then more. " + new string('y', 50)], TextChunks.Split(lines, 90));
    }

    [Fact]
    public void A_number_with_a_decimal_point_is_no_sentence_end()
    {
        var text = "The score of 0.8 was never validated " + new string('z', 40) + " on our caseload at all";

        var chunks = TextChunks.Split(text, 70);

        Assert.Equal(text, string.Join(" ", chunks));
        Assert.DoesNotContain(chunks, c => c.EndsWith("0.", StringComparison.Ordinal));
    }
}
