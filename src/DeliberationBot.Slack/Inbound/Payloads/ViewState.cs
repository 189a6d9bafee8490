using DeliberationBot.Core.Flows;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Inbound.Payloads;

/// <summary>
/// The inputs of a submitted modal: <c>state.values</c>, block id → action id → the input's state. Our inputs all use
/// the action id <see cref="SlackIds.Value"/>.
/// </summary>
internal sealed record ViewState(IReadOnlyDictionary<string, IReadOnlyDictionary<string, InputState>> Values)
{
    public static ViewState Empty { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, InputState>>());

    private InputState? Input(string blockId) =>
        Values.TryGetValue(blockId, out var actions) && actions.TryGetValue(SlackIds.Value, out var input) ? input : null;

    /// <summary>Text, number and date inputs carry <c>value</c> / <c>selected_date</c>; plain_text_input text is raw, not encoded.</summary>
    public string? Text(string blockId) => Input(blockId) is { } input ? input.Value ?? input.SelectedDate : null;

    public string? Selected(string blockId) => Input(blockId)?.SelectedOption?.Value;

    public IReadOnlyList<string> SelectedMany(string blockId) =>
        [.. (Input(blockId)?.SelectedOptions ?? []).Select(o => o?.Value).OfType<string>()];

    public IReadOnlyList<string> Users(string blockId) => [.. (Input(blockId)?.SelectedUsers ?? []).OfType<string>()];

    public bool Checked(string blockId) => SelectedMany(blockId).Contains(SlackIds.Checked);

    /// <summary>
    /// The words a person added to a choice or a number, when the form had the box for them (<c>Shown</c>): what it
    /// holds is then all of them, and an emptied box none. Not shown, the form says nothing of words.
    /// </summary>
    public (bool Shown, string? Words) Words() =>
        Values.ContainsKey(SlackIds.WordsBlock) ? (true, Text(SlackIds.WordsBlock)) : (false, null);

    /// <summary>What the answer block holds for a question of <paramref name="kind"/>, for Core to read as an answer.</summary>
    public IReadOnlyList<string?> Answer(AnswerKind kind) => kind switch
    {
        AnswerKind.FreeText or AnswerKind.Number => new[] { Text(SlackIds.AnswerBlock) },
        AnswerKind.MultipleChoice => SelectedMany(SlackIds.AnswerBlock).ToArray<string?>(),
        _ => new[] { Selected(SlackIds.AnswerBlock) },
    };
}

/// <summary>One input's state, with the fields of the input kinds we render.</summary>
internal sealed record InputState(
    string? Type = null,
    string? Value = null,
    string? SelectedDate = null,
    SelectedOption? SelectedOption = null,
    IReadOnlyList<SelectedOption?>? SelectedOptions = null,
    IReadOnlyList<string?>? SelectedUsers = null);
