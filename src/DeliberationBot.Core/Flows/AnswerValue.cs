using System.Globalization;
using System.Text.Json.Serialization;

namespace DeliberationBot.Core.Flows;

/// <summary>
/// One answer, whatever its kind: free text, chosen option ids (yes/no/unsure are options too), or a number
/// (scales are numbers). A skipped optional question is an answer too, so that the flow moves on.
/// </summary>
public sealed record AnswerValue
{
    [JsonConstructor]
    public AnswerValue(string? text, IReadOnlyList<string>? choices, decimal? number, bool skipped)
    {
        Text = text;
        Choices = choices ?? [];
        Number = number;
        Skipped = skipped;
    }

    public string? Text { get; }

    public IReadOnlyList<string> Choices { get; }

    public decimal? Number { get; }

    public bool Skipped { get; }

    public static AnswerValue FromText(string text) => new(text, null, null, false);

    public static AnswerValue FromChoices(params IEnumerable<string> choices) => new(null, [.. choices], null, false);

    /// <param name="words">The person's own words when a typed reply said more than the number ("15, but 45 for complex cases").</param>
    public static AnswerValue FromNumber(decimal number, string? words = null) => new(words, null, number, false);

    public static AnswerValue Skip() => new(null, null, null, true);

    /// <summary>A chosen option or a number with the words a typed reply gave with it ("No, and nobody told us why").</summary>
    public AnswerValue WithWords(string? words) => new(words, Choices, Number, Skipped);

    /// <summary>
    /// The options this answer chose, as a form shows them chosen again: a question's option ids, or for a rating, kept
    /// as its number, the option that number is ("1" … "5").
    /// </summary>
    public IReadOnlyList<string> ChosenOptions(AnswerKind kind) =>
        kind == AnswerKind.Scale ? Number is { } n ? [n.ToString("G29", CultureInfo.InvariantCulture)] : [] : Choices;

    /// <summary>The values a condition's <c>any_of</c> is compared with: option ids, or the number as text.</summary>
    public IEnumerable<string> ComparableTokens()
    {
        foreach (var choice in Choices)
        {
            yield return choice;
        }

        if (Number is { } n)
        {
            yield return n.ToString("G29", CultureInfo.InvariantCulture); // 2.0 and 2 compare alike
        }
    }

    public bool Equals(AnswerValue? other) =>
        other is not null && Text == other.Text && Number == other.Number && Skipped == other.Skipped &&
        Choices.SequenceEqual(other.Choices);

    public override int GetHashCode() => HashCode.Combine(Text, Number, Skipped, Choices.Count);
}
