using System.Globalization;

namespace DeliberationBot.Core.Flows;

/// <summary>
/// A condition on one answer, used both by concern rules and by follow-ups:
/// any of the listed options chosen, or a number at least / at most a bound.
/// </summary>
public sealed record AnswerCondition(IReadOnlyList<string> AnyOf, decimal? AtLeast, decimal? AtMost)
{
    public static AnswerCondition OneOf(params string[] options) => new(options, null, null);

    public bool IsMetBy(AnswerValue? value)
    {
        if (value is null || value.Skipped)
        {
            return false;
        }

        if (AnyOf.Count > 0)
        {
            return value.ComparableTokens().Any(token => AnyOf.Contains(token, StringComparer.OrdinalIgnoreCase));
        }

        if (value.Number is not { } number)
        {
            return false;
        }

        return (AtLeast is null || number >= AtLeast) && (AtMost is null || number <= AtMost);
    }

    /// <summary>
    /// The condition as the people reading a concern understand it: options by their labels, not their ids (*any of
    /// "No", "Not sure"*, not *any of no, unsure*); a rating out of its scale; a number with its unit.
    /// </summary>
    public string Describe(Question question)
    {
        if (AnyOf.Count > 0)
        {
            var labels = AnyOf.Select(id => question.EffectiveOptions.FirstOrDefault(o => string.Equals(o.Id, id, StringComparison.OrdinalIgnoreCase))?.Label ?? id);
            return "any of " + string.Join(", ", labels.Select(label => $"\"{label}\""));
        }

        var bound = AtLeast is { } low && AtMost is { } high ? $"between {Number(low)} and {Number(high)}"
            : AtLeast is { } least ? $"at least {Number(least)}"
            : $"at most {Number(AtMost ?? 0)}";
        return question.Kind == AnswerKind.Scale ? $"a rating of {bound} out of {AnswerKinds.ScaleMax}"
            : question.Unit is { } unit ? $"{bound} {unit}"
            : bound;
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
