using System.Globalization;
using System.Text.RegularExpressions;

namespace DeliberationBot.Core.Flows;

/// <summary>Numbers in typed answers: the leading number, one said with how sure it is or spelled out, and what else was said.</summary>
public static partial class AnswerParser
{
    /// <summary>
    /// Whether a reply says more than its number: anything but the question's unit ("15 min per case" for minutes per
    /// case) or, on a scale, its top ("4/5", "4 out of 5"). Punctuation alone says nothing.
    /// </summary>
    private static bool SaysMore(Question question, string text)
    {
        var rest = text[NumberPrefix().Match(text).Length..].Trim();
        var words = Word().Matches(rest).Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return false;
        }

        if (question.Kind == AnswerKind.Scale)
        {
            return !(ScaleTop().Match(rest) is { Success: true } top && top.Groups["top"].Value == AnswerKinds.ScaleMax.ToString(CultureInfo.InvariantCulture));
        }

        return !words.All(word => IsUnit(question, word));
    }

    /// <summary>Whether a word is (a form of) a word of the question's unit: "mins" for "minutes per case".</summary>
    private static bool IsUnit(Question question, string word) =>
        word.TrimEnd('s', 'S') is { Length: > 0 } stem
        && (question.Unit ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(u => u.StartsWith(stem, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"^[-–—:,;.!?()/]")]
    private static partial Regex SeparatorOrEnd();

    /// <summary>
    /// The number a reply starts with: "15 minutes" is 15, "1,000,000" a million, and "1,5" (a decimal comma) 1.5.
    /// </summary>
    private static decimal? LeadingNumber(string text)
    {
        var match = NumberPrefix().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var whole = match.Groups["whole"].Value.Replace(",", "", StringComparison.Ordinal);
        var fraction = match.Groups["fraction"].Success ? "." + match.Groups["fraction"].Value : "";
        return decimal.TryParse(match.Groups["sign"].Value + whole + fraction, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>
    /// A number after a few words that only say how sure it is ("about 20", "close to 20, more for complex cases",
    /// "~20"), or a number spelled out ("twenty", "twenty-five", "none"). Plain when the text is the spelled number alone,
    /// or with its unit.
    /// Other words before a number ("in 2 years") are not an answer to how many.
    /// </summary>
    private static (decimal Number, bool Plain)? HedgedOrSpelledNumber(Question question, string text)
    {
        var words = HedgeWords().Match(text);
        var rest = text[words.Length..];
        if (words.Length > 0 && LeadingNumber(rest) is { } n)
        {
            return (n, false);
        }

        // A spelled number ends the sentence, a clause or comes with its unit: "one of the reasons…" is no number.
        if (SpelledNumber().Match(rest) is not { Success: true } spelled
            || rest[spelled.Length..].TrimStart() is { Length: > 0 } after && !SeparatorOrEnd().IsMatch(after) && !IsUnit(question, Word().Match(after).Value))
        {
            return null;
        }

        var value = (spelled.Groups["tens"].Success ? Tens[spelled.Groups["tens"].Value.ToLowerInvariant()] : 0)
            + (spelled.Groups["unit"].Success ? Units[spelled.Groups["unit"].Value.ToLowerInvariant()] : 0);
        return (value, words.Length == 0 && Word().Matches(rest[spelled.Length..]).All(w => IsUnit(question, w.Value)));
    }

    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["none"] = 0, ["nothing"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    [GeneratedRegex(@"^\s*(?:[~≈]\s*|(?:(?:about|around|approximately|approx|roughly|maybe|perhaps|probably|possibly|likely|nearly|almost|close|to|at|least|most|up|under|over|more|less|fewer|than|some|just|only|well|easily|i|i'd|i’d|think|guess|say|estimate|estimated|ca|c|est)\.?,?\s+){1,4})", RegexOptions.IgnoreCase)]
    private static partial Regex HedgeWords();

    [GeneratedRegex(@"^\s*(?:(?<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?<unit>one|two|three|four|five|six|seven|eight|nine))?|(?<unit>zero|none|nothing|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpelledNumber();

    [GeneratedRegex(@"^(/|(out\s+)?of)\s*(?<top>\d+)\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex ScaleTop();

    [GeneratedRegex(@"^(?<sign>-?)(?<whole>\d{1,3}(,\d{3})+(?!\d)|\d+)([.,](?<fraction>\d+))?")]
    private static partial Regex NumberPrefix();
}
