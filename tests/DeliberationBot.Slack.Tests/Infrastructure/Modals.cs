using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>Reads modals we rendered and fills them in the way a person would.</summary>
internal static class Modals
{
    public static JsonObject ViewOf(RecordedCall viewsOpen) => JsonNode.Parse(viewsOpen.Body)!["view"]!.AsObject();

    public static async Task<JsonObject> UpdatedViewAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("update", body["response_action"]?.GetValue<string>());
        return body["view"]!.AsObject();
    }

    public static string Callback(JsonObject view) => view["callback_id"]!.GetValue<string>();

    public static string Title(JsonObject view) => view["title"]!["text"]!.GetValue<string>();

    public static JsonObject? InputElement(JsonObject view, string blockId) =>
        view["blocks"]!.AsArray().Select(b => b!.AsObject()).FirstOrDefault(b => b["block_id"]?.GetValue<string>() == blockId)?["element"]?.AsObject();

    public static IReadOnlyList<string> OptionValues(JsonObject element) =>
        [.. element["options"]!.AsArray().Select(o => o!["value"]!.GetValue<string>())];

    /// <summary>A plausible answer for whatever input the question modal shows, plus the concern checkbox.</summary>
    public static JsonObject AnswerValues(JsonObject questionView, string freeText, bool concern)
    {
        var element = InputElement(questionView, "answer") ?? throw new InvalidOperationException("no answer block");
        var type = element["type"]!.GetValue<string>();
        JsonNode? value = type switch
        {
            "plain_text_input" => freeText,
            "number_input" => "12",
            "checkboxes" or "multi_static_select" => new JsonArray(SlackPayloads.Option(OptionValues(element)[0])),
            _ => SlackPayloads.Option(OptionValues(element)[0]),
        };
        var values = new JsonObject { ["answer"] = new JsonObject { ["value"] = SlackPayloads.Input(type, value) } };
        values["concern"] = new JsonObject
        {
            ["value"] = SlackPayloads.Input("checkboxes", concern ? new JsonArray(SlackPayloads.Option("yes")) : new JsonArray()),
        };
        return values;
    }

    public static JsonObject Values(params (string Block, JsonObject Input)[] inputs)
    {
        var values = new JsonObject();
        foreach (var (block, input) in inputs)
        {
            values[block] = new JsonObject { ["value"] = input };
        }

        return values;
    }

    public static string AllText(JsonElement element) => element.GetRawText();
}
