using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeliberationBot.Slack.Tests.Infrastructure;

internal sealed record Button(string BlockId, string ActionId, string Value);

/// <summary>Reads Block Kit we sent: the buttons a person could press, and where a posted message landed.</summary>
internal static class Blocks
{
    /// <summary>Every button in a message or modal: in actions blocks and as section accessories.</summary>
    public static IReadOnlyList<Button> Buttons(JsonElement payload) =>
        [.. payload.GetProperty("blocks").EnumerateArray().SelectMany(b =>
        {
            var block = b.TryGetProperty("block_id", out var id) ? id.GetString()! : "";
            var elements = b.TryGetProperty("elements", out var e) && b.GetProperty("type").GetString() == "actions" ? e.EnumerateArray().ToList() : [];
            if (b.TryGetProperty("accessory", out var accessory))
            {
                elements.Add(accessory);
            }

            return elements.Where(x => x.GetProperty("type").GetString() == "button")
                .Select(x => new Button(block, x.GetProperty("action_id").GetString()!, x.GetProperty("value").GetString()!));
        })];

    public static IReadOnlyList<Button> Buttons(JsonObject view) => Buttons(JsonDocument.Parse(view.ToJsonString()).RootElement);

    /// <summary>Every text object in a message's blocks, with its type (mrkdwn or plain_text), in order.</summary>
    public static IEnumerable<(string Type, string Text)> TextObjects(JsonElement payload) =>
        payload.GetProperty("blocks").EnumerateArray().SelectMany(ObjectsOf);

    private static IEnumerable<(string Type, string Text)> ObjectsOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object when e.TryGetProperty("type", out var t) && t.GetString() is "mrkdwn" or "plain_text" && e.TryGetProperty("text", out var text)
            => [(t.GetString()!, text.GetString() ?? "")],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => ObjectsOf(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(ObjectsOf),
        _ => [],
    };

    /// <summary>The text a person reads in a message's blocks (sections, fields, context), in order.</summary>
    public static string Text(JsonElement payload) =>
        string.Join("\n", payload.GetProperty("blocks").EnumerateArray().SelectMany(TextsOf));

    private static IEnumerable<string> TextsOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object when e.TryGetProperty("type", out var t) && t.GetString() is "mrkdwn" or "plain_text" && e.TryGetProperty("text", out var text)
            => [text.GetString() ?? ""],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => TextsOf(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(TextsOf),
        _ => [],
    };

    /// <summary>The (channel, ts) Slack gave a chat.postMessage, as the fake answered it.</summary>
    public static (string Channel, string Ts) Posted(RecordedCall post) =>
        (post.ResponseJson.GetProperty("channel").GetString()!, post.ResponseJson.GetProperty("ts").GetString()!);

    /// <summary>The view a views.update call put in place of the modal.</summary>
    public static JsonObject UpdatedView(RecordedCall viewsUpdate) => JsonNode.Parse(viewsUpdate.Body)!["view"]!.AsObject();
}
