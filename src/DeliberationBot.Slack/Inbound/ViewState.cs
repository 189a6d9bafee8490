using System.Globalization;
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

    /// <summary>The answer in the answer block for a question of <paramref name="kind"/>; nothing given is a skip; a bad number is null.</summary>
    public AnswerValue? Answer(AnswerKind kind)
    {
        switch (kind)
        {
            case AnswerKind.FreeText:
                return Text(SlackIds.AnswerBlock) is { } text && !string.IsNullOrWhiteSpace(text) ? AnswerValue.FromText(text.Trim()) : AnswerValue.Skip();
            case AnswerKind.Number:
            case AnswerKind.Scale:
                var raw = kind == AnswerKind.Number ? Text(SlackIds.AnswerBlock) : Selected(SlackIds.AnswerBlock);
                if (string.IsNullOrWhiteSpace(raw))
                {
                    return AnswerValue.Skip();
                }

                return decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? AnswerValue.FromNumber(n) : null;
            case AnswerKind.MultipleChoice:
                var many = SelectedMany(SlackIds.AnswerBlock);
                return many.Count == 0 ? AnswerValue.Skip() : AnswerValue.FromChoices(many);
            default:
                return Selected(SlackIds.AnswerBlock) is { } one ? AnswerValue.FromChoices(one) : AnswerValue.Skip();
        }
    }
}
