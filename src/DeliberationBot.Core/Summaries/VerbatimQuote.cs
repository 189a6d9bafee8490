using System.Globalization;
using System.Text;

namespace DeliberationBot.Core.Summaries;

/// <summary>
/// Whether a sentence repeats, word for word, a run of consecutive words of an answer. Words are compared after the
/// differences that are only typography: Unicode compatibility forms, letter case, curly quotes and apostrophes, and the
/// punctuation and spacing between words. Every word must be the same word in the same order, so a paraphrase, a
/// changed tense or a dropped "not" never matches.
/// </summary>
public static class VerbatimQuote
{
    public const int MinWords = 5;

    public static bool Quotes(string sentence, string answer, int minWords = MinWords)
    {
        var answerWords = Words(answer);
        if (answerWords.Count < minWords)
        {
            return false;
        }

        var phrases = Windows(answerWords, minWords).ToHashSet(StringComparer.Ordinal);
        return Windows(Words(sentence), minWords).Any(phrases.Contains);
    }

    /// <summary>The words of a text, lower-cased, with apostrophes kept inside words ("don't") and dropped around them.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            var ch = IsApostrophe(c) ? '\'' : c;
            if (char.IsLetterOrDigit(ch) || ch == '\'' || CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark)
            {
                word.Append(char.ToLowerInvariant(ch));
                continue;
            }

            Flush(word, words);
        }

        Flush(word, words);
        return words;
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        var w = word.ToString().Trim('\'');
        if (w.Length > 0)
        {
            words.Add(w);
        }

        word.Clear();
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2018' or '\u2019' or '\u201B' or '\u2032' or '\u00B4' or '`' or '\u02BC';

    private static IEnumerable<string> Windows(IReadOnlyList<string> words, int size)
    {
        for (var i = 0; i + size <= words.Count; i++)
        {
            yield return string.Join(' ', words.Skip(i).Take(size));
        }
    }
}
