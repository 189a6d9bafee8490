using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Core.Tests.Summaries;

/// <summary>The fast word overlap scores answers exactly as comparing their word sets pair by pair does.</summary>
public class WordOverlapTests
{
    private static readonly string[] Vocabulary = ["screeners", "need", "see", "WHY", "call", "ranks", "high", "before", "acting", "risk", "appeal", "it.", "Families'", "data", "2026"];

    [Fact]
    public void Each_score_is_the_sum_of_jaccard_similarities_with_every_other_answer()
    {
        var random = new Random(13);
        for (var run = 0; run < 200; run++)
        {
            var texts = Enumerable.Range(0, random.Next(0, 30))
                .Select(_ => string.Join(random.Next(3) == 0 ? "  " : " ", Enumerable.Range(0, random.Next(0, 12)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)])))
                .ToList();
            var sets = texts.Select(Words).ToList();
            var expected = sets.Select((mine, i) => sets.Where((_, j) => j != i).Sum(other => Jaccard(mine, other)));
            Assert.Equal(expected, WordOverlap.Of(texts).Scored); // exactly: the same sums in the same order
        }
    }

    [Fact]
    public void Words_of_four_letters_or_more_count_whatever_their_case_and_punctuation()
    {
        var scores = WordOverlap.Of(["Screeners need reasons.", "screeners NEED reasons", "a b c"]).Scored;
        Assert.Equal([1.0, 1.0, 0.0], scores);
    }

    private static HashSet<string> Words(string text) =>
        [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsLetterOrDigit)]).ToLowerInvariant())
            .Where(w => w.Length > 3)];

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        var shared = a.Count(b.Contains);
        var union = a.Count + b.Count - shared;
        return union == 0 ? 0 : (double)shared / union;
    }
}
