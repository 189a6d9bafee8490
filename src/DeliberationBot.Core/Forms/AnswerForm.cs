using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Forms;

/// <summary>The rule an answer form's input broke. Each platform says it in its own words (see <see cref="FormTexts.Answer"/>).</summary>
public enum AnswerRule
{
    /// <summary>A written answer was asked for and nothing was written.</summary>
    WriteAnswer,

    /// <summary>The text is longer than <see cref="AnswerProblem.Limit"/> characters.</summary>
    TooLong,

    /// <summary>Not a number, or one outside 0 to <see cref="AnswerForm.MaxNumber"/>.</summary>
    GiveNumber,

    /// <summary>Not a whole number on the scale.</summary>
    GiveScale,

    /// <summary>No option picked, one that is not the question's, or several where one is asked for.</summary>
    ChooseOption,
}

/// <summary>Why an answer form's input can't be used: the rule, with the number it names when it names one.</summary>
public sealed record AnswerProblem(AnswerRule Rule, int? Limit = null)
{
    /// <summary>In English, for the chat platforms.</summary>
    public string Text => FormTexts.Answer(this);
}

/// <summary>
/// Turns an answer form's input (a Slack modal, a Teams card, the community page) into an answer: the text written, the
/// number typed or the option ids picked, as the platform sent them. One set of rules, whichever form it came from.
/// </summary>
public static class AnswerForm
{
    public const int MaxNumber = 1_000_000;

    /// <summary>The input as given, without checking it against a question: nothing given is a skip.</summary>
    public static (AnswerValue? Value, AnswerProblem? Problem) Parse(AnswerKind kind, IEnumerable<string?> given)
    {
        var values = Given(given);
        if (values.Count == 0)
        {
            return (AnswerValue.Skip(), null);
        }

        return kind switch
        {
            AnswerKind.FreeText => (AnswerValue.FromText(values[0]), null),
            AnswerKind.Number or AnswerKind.Scale => AnswerParser.WholeNumber(values[0]) is { } n
                ? (AnswerValue.FromNumber(n), null)
                : (null, new AnswerProblem(kind == AnswerKind.Scale ? AnswerRule.GiveScale : AnswerRule.GiveNumber)),
            AnswerKind.MultipleChoice => (AnswerValue.FromChoices(values.Distinct()), null),
            _ => (AnswerValue.FromChoices(values[0]), null),
        };
    }

    /// <summary>
    /// The input checked against its question, for a form with its own skip button: a skip only when asked for and
    /// allowed, a written answer within <paramref name="maxLength"/>, a number in range, options the question has.
    /// With a problem, the written text is still returned, to fill the form in again.
    /// </summary>
    public static (AnswerValue? Value, AnswerProblem? Problem) Read(Question question, IEnumerable<string?> given, bool skip, int maxLength = AnswerParser.MaxTextLength)
    {
        if (skip && !question.Required)
        {
            return (AnswerValue.Skip(), null);
        }

        var values = Given(given);
        if (values.Count == 0)
        {
            return (question.Kind == AnswerKind.FreeText ? AnswerValue.FromText("") : null, Missing(question.Kind));
        }

        var (value, problem) = Parse(question.Kind, values);
        if (problem is not null)
        {
            return (null, problem);
        }

        var limit = Math.Min(maxLength, AnswerParser.MaxTextLength);
        var options = question.EffectiveOptions;
        problem = question.Kind switch
        {
            AnswerKind.FreeText when value!.Text!.Length > limit => new AnswerProblem(AnswerRule.TooLong, limit),
            AnswerKind.Number when value!.Number is < 0 or > MaxNumber => new AnswerProblem(AnswerRule.GiveNumber),
            AnswerKind.Scale when values.Distinct().Count() > 1 || value!.Number is not { } n || n != decimal.Truncate(n) || n < AnswerKinds.ScaleMin || n > AnswerKinds.ScaleMax =>
                new AnswerProblem(AnswerRule.GiveScale),
            AnswerKind.SingleChoice or AnswerKind.YesNoUnsure when values.Distinct().Count() > 1 => new AnswerProblem(AnswerRule.ChooseOption),
            AnswerKind.SingleChoice or AnswerKind.YesNoUnsure or AnswerKind.MultipleChoice when value!.Choices.Any(c => !options.Any(o => o.Id == c)) =>
                new AnswerProblem(AnswerRule.ChooseOption),
            _ => null,
        };
        return problem is null ? (value, null) : (question.Kind == AnswerKind.FreeText ? value : null, problem);
    }

    private static List<string> Given(IEnumerable<string?> given) => [.. given.Select(v => v?.Trim()).OfType<string>().Where(v => v.Length > 0)];

    private static AnswerProblem Missing(AnswerKind kind) => kind switch
    {
        AnswerKind.FreeText => new AnswerProblem(AnswerRule.WriteAnswer),
        AnswerKind.Number => new AnswerProblem(AnswerRule.GiveNumber),
        AnswerKind.Scale => new AnswerProblem(AnswerRule.GiveScale),
        _ => new AnswerProblem(AnswerRule.ChooseOption),
    };
}
