namespace DeliberationBot.Core.Forms;

/// <summary>
/// What a person is told when a form (a Slack modal, a Teams card) or a typed command is missing something. One set
/// for every platform, so the same mistake reads the same wherever it is made.
/// </summary>
public static class FormTexts
{
    public const string ChooseFlow = "Please choose a question flow.";
    public const string NeedsTitle = "The proposal needs a title.";
    public const string TitleTooLong = "Please keep the proposal title under 200 characters.";
    public const string ChooseGroup = "Please pick the stakeholder group you answer as.";
    public const string ChooseOutcome = "Please pick the decision.";
    public const string GiveRationale = "Please say why, for the record.";
    public const string GiveNumber = "Please answer with a number of 0 or more, for example 15.";
    public const string GiveScale = "Please answer with a number from 1 to 5.";
    public const string WriteAnswer = "Please write an answer.";
    public const string ChooseOption = "Please pick one of the options.";
    public const string Required = "This question is required, so it can't be skipped.";

    public static string AnswerTooLong(int limit, int? given = null) =>
        given is { } length ? $"Please keep the answer under {limit} characters (this one has {length})." : $"Please keep the answer under {limit} characters.";

    /// <summary>A concern typed as a command that is longer than an answer may be: nothing is recorded, and the words are in the message the person typed.</summary>
    public static string ConcernTooLong(int limit, int given) =>
        $"That concern is {given} characters long; please keep it under {limit} (as an answer), or record it as two concerns. Nothing was recorded.";

    /// <summary>What a broken answer rule reads as in English, on every chat platform and in typed replies.</summary>
    public static string Answer(AnswerProblem problem) => problem.Rule switch
    {
        AnswerRule.WriteAnswer => WriteAnswer,
        AnswerRule.TooLong => AnswerTooLong(problem.Limit ?? Flows.AnswerParser.MaxTextLength, problem.Given),
        AnswerRule.GiveNumber => GiveNumber,
        AnswerRule.GiveScale => GiveScale,
        AnswerRule.Required => Required,
        _ => ChooseOption,
    };

    public static string NotADate(string text) => $"\"{text}\" is not a date I understand; pick the deadline from the calendar.";

    public static string DeadlinePassed(DateOnly due) => $"The deadline {due:yyyy-MM-dd} has already passed. Pick a date from today on.";
}
