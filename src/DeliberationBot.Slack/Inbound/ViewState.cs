using System.Text.Json;
using DeliberationBot.Core.Flows;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Inbound;

/// <summary>Reads the inputs of a submitted modal: view.state.values[block_id]["value"].</summary>
internal sealed class ViewState(JsonElement view)
{
    private JsonElement? Input(string blockId) => view.Get("state", "values", blockId, SlackIds.Value);

    /// <summary>Text, number and date inputs carry <c>value</c> / <c>selected_date</c>; plain_text_input text is raw, not encoded.</summary>
    public string? Text(string blockId) =>
        Input(blockId) is { } input ? input.Str("value") ?? input.Str("selected_date") : null;

    public string? Selected(string blockId) => Input(blockId)?.Str("selected_option", "value");

    public IReadOnlyList<string> SelectedMany(string blockId) =>
        Input(blockId) is { } input ? [.. input.Items("selected_options").Select(o => o.Str("value")).OfType<string>()] : [];

    public IReadOnlyList<string> Users(string blockId) =>
        Input(blockId) is { } input ? [.. input.Items("selected_users").Where(u => u.ValueKind == JsonValueKind.String).Select(u => u.GetString()!)] : [];

    public bool Checked(string blockId) => SelectedMany(blockId).Contains(SlackIds.Checked);

    /// <summary>What the answer block holds for a question of <paramref name="kind"/>, for Core to read as an answer.</summary>
    public IReadOnlyList<string?> Answer(AnswerKind kind) => kind switch
    {
        AnswerKind.FreeText or AnswerKind.Number => new[] { Text(SlackIds.AnswerBlock) },
        AnswerKind.MultipleChoice => SelectedMany(SlackIds.AnswerBlock).ToArray<string?>(),
        _ => new[] { Selected(SlackIds.AnswerBlock) },
    };
}
