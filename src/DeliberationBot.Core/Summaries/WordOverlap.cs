namespace DeliberationBot.Core.Summaries;

/// <summary>
/// How much each answer shares its words with the others of its group: the sum of its Jaccard similarity with every
/// other answer, where an answer is the set of its words longer than three letters (letters and digits only, lower
/// case). Each distinct word becomes a number, so comparing two answers is a merge of two short sorted arrays; a
/// group's answers are compared pairwise once, not once from each side.
/// </summary>
internal sealed class WordOverlap
{
    private readonly int[][] sets;

    private WordOverlap(int[][] sets, double[] scores) => (this.sets, Scored) = (sets, scores);

    /// <summary>Each answer's score, in the order of the texts.</summary>
    public double[] Scored { get; }

    /// <summary>The texts' word sets, read once, and their scores; two of them can then be compared without reading them again.</summary>
    public static WordOverlap Of(IReadOnlyList<string> texts)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var sets = texts.Select(t => WordSet(t, numbers)).ToArray();
        var scores = new double[sets.Length];
        for (var i = 0; i < sets.Length; i++)
        {
            for (var j = i + 1; j < sets.Length; j++)
            {
                // Each answer's similarities are added in the order of the other answers, as a sum over them in order would.
                var similarity = Jaccard(sets[i], sets[j]);
                scores[i] += similarity;
                scores[j] += similarity;
            }
        }

        return new WordOverlap(sets, scores);
    }

    /// <summary>How many distinct words longer than three letters text <paramref name="i"/> has: a rough measure of how much it says.</summary>
    public int ContentWords(int i) => sets[i].Length;

    /// <summary>The share of two texts' words they have in common (Jaccard similarity of their word sets), from 0 to 1.</summary>
    public double Similarity(int i, int j) => Jaccard(sets[i], sets[j]);

    /// <summary>The answer's distinct words as sorted numbers; words are split on white space as <c>string.Split()</c> does.</summary>
    private static int[] WordSet(string text, Dictionary<string, int> numbers)
    {
        var lookup = numbers.GetAlternateLookup<ReadOnlySpan<char>>();
        var word = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        var set = new List<int>();
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || char.IsWhiteSpace(text[i]))
            {
                if (length > 3)
                {
                    var key = word[..length];
                    if (!lookup.TryGetValue(key, out var number))
                    {
                        number = numbers.Count;
                        lookup[key] = number;
                    }

                    set.Add(number);
                }

                length = 0;
            }
            else if (char.IsLetterOrDigit(text[i]))
            {
                word[length++] = char.ToLowerInvariant(text[i]);
            }
        }

        set.Sort();
        var distinct = 0;
        for (var i = 0; i < set.Count; i++)
        {
            if (distinct == 0 || set[distinct - 1] != set[i])
            {
                set[distinct++] = set[i];
            }
        }

        return [.. set.Take(distinct)];
    }

    private static double Jaccard(int[] a, int[] b)
    {
        var (i, j, shared) = (0, 0, 0);
        while (i < a.Length && j < b.Length)
        {
            var order = a[i].CompareTo(b[j]);
            shared += order == 0 ? 1 : 0;
            i += order <= 0 ? 1 : 0;
            j += order >= 0 ? 1 : 0;
        }

        var union = a.Length + b.Length - shared;
        return union == 0 ? 0 : (double)shared / union;
    }
}
