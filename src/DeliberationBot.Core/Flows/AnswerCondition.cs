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

    public string Describe() =>
        AnyOf.Count > 0 ? $"any of {string.Join(", ", AnyOf)}"
        : AtLeast is not null && AtMost is not null ? $"between {AtLeast} and {AtMost}"
        : AtLeast is not null ? $"at least {AtLeast}"
        : $"at most {AtMost}";
}
