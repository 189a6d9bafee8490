namespace DeliberationBot.Core.Flows;

public enum AnswerKind
{
    FreeText,
    SingleChoice,
    MultipleChoice,
    YesNoUnsure,
    Scale,
    Number,
}

public static class AnswerKinds
{
    public const int ScaleMin = 1;
    public const int ScaleMax = 5;

    private static readonly Dictionary<string, AnswerKind> ByYamlName = new(StringComparer.Ordinal)
    {
        ["free_text"] = AnswerKind.FreeText,
        ["single_choice"] = AnswerKind.SingleChoice,
        ["multiple_choice"] = AnswerKind.MultipleChoice,
        ["yes_no_unsure"] = AnswerKind.YesNoUnsure,
        ["scale"] = AnswerKind.Scale,
        ["number"] = AnswerKind.Number,
    };

    public static IReadOnlyCollection<string> YamlNames => ByYamlName.Keys;

    public static bool TryParse(string text, out AnswerKind kind) => ByYamlName.TryGetValue(text, out kind);

    /// <summary>The options a kind implies when the flow does not list them.</summary>
    public static IReadOnlyList<ChoiceOption> ImpliedOptions(AnswerKind kind) => kind switch
    {
        AnswerKind.YesNoUnsure => [new("yes", "Yes"), new("no", "No"), new("unsure", "Not sure")],
        AnswerKind.Scale => [.. Enumerable.Range(ScaleMin, ScaleMax).Select(n => new ChoiceOption(n.ToString(System.Globalization.CultureInfo.InvariantCulture), n.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
        _ => [],
    };

    /// <summary>
    /// What a scale's ends mean, as the person answering is shown them: "1 = Not open at all, 5 = Very open" (a flow
    /// need not name them: "lowest", "highest").
    /// </summary>
    public static string ScaleLegend(string? lowLabel, string? highLabel) =>
        $"{ScaleMin} = {lowLabel ?? "lowest"}, {ScaleMax} = {highLabel ?? "highest"}";

    public static bool HasListedOptions(this AnswerKind kind) => kind is AnswerKind.SingleChoice or AnswerKind.MultipleChoice;
}
