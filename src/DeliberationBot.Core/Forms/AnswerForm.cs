using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Forms;

/// <summary>
/// The answer rule an input broke (see <see cref="FlowEngine.Validate"/>): the chat platforms say it in English with
/// <see cref="FormTexts.Answer"/>, the community page in the reader's language.
/// </summary>
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

    /// <summary>A required question was skipped.</summary>
    Required,
}

/// <summary>Why an answer can't be used: the rule, with the number it names when it names one.</summary>
public sealed record AnswerProblem(AnswerRule Rule, int? Limit = null)
{
    /// <summary>For an answer too long, how long it was: the person can see how much to cut.</summary>
    public int? Given { get; init; }

    /// <summary>In English, for the chat platforms.</summary>
    public string Text => FormTexts.Answer(this);
}

/// <summary>
/// Turns an answer form's input (a Slack modal, a Teams card, the community page) into an answer: the text written, the
/// number typed or the option ids picked, as the platform sent them. One set of rules, whichever form it came from.
/// A line break is stored as one \n whatever the form sent (a web page's textarea sends \r\n, and its maxlength
/// counts one character), so the text and its length are the same from every form.
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
            AnswerKind.FreeText => (AnswerValue.FromText(values[0].ReplaceLineEndings("\n")), null),
            AnswerKind.Number or AnswerKind.Scale => AnswerParser.NumberOnly(values[0]) is { } n
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

        // A single choice or a scale with several different values given is refused, not read as its first.
        problem = question.Kind is AnswerKind.SingleChoice or AnswerKind.YesNoUnsure or AnswerKind.Scale && values.Distinct().Count() > 1
            ? Missing(question.Kind)
            : FlowEngine.Validate(question, value!, Math.Min(maxLength, AnswerParser.MaxTextLength));
        return problem is null ? (value, null) : (question.Kind == AnswerKind.FreeText ? value : null, problem);
    }

    /// <summary>
    /// The words a person added to a choice or a number in a form's box for them: trimmed, line breaks as one \n, none
    /// when the box is empty; too long, the problem (the words are kept, to fill the box again).
    /// </summary>
    public static (string? Words, AnswerProblem? Problem) Words(string? given, int maxLength = AnswerParser.MaxTextLength)
    {
        var words = given?.Trim().ReplaceLineEndings("\n") is { Length: > 0 } w ? w : null;
        var limit = Math.Min(maxLength, AnswerParser.MaxTextLength);
        return words?.Length > limit ? (words, new AnswerProblem(AnswerRule.TooLong, limit) { Given = words.Length }) : (words, null);
    }

    /// <summary>
    /// The answer a form with a box for words sends: a choice or a number with the box's words (none when it was
    /// emptied). A skip keeps none, as there is no answer for them to go with, and a written answer is its own words.
    /// </summary>
    public static AnswerValue WithBoxWords(AnswerValue value, AnswerKind kind, string? words) =>
        value.Skipped || kind == AnswerKind.FreeText ? value : value.WithWords(words);

    private static List<string> Given(IEnumerable<string?> given) => [.. given.Select(v => v?.Trim()).OfType<string>().Where(v => v.Length > 0)];

    /// <summary>The rule an empty answer of this kind breaks: what a form says when nothing was written or picked.</summary>
    public static AnswerProblem Missing(AnswerKind kind) => kind switch
    {
        AnswerKind.FreeText => new AnswerProblem(AnswerRule.WriteAnswer),
        AnswerKind.Number => new AnswerProblem(AnswerRule.GiveNumber),
        AnswerKind.Scale => new AnswerProblem(AnswerRule.GiveScale),
        _ => new AnswerProblem(AnswerRule.ChooseOption),
    };
}
