using System.Text.Json;

namespace DeliberationBot.Slack.Inbound;

/// <summary>A payload Slack sent that lacks what every payload of its kind has.</summary>
internal sealed class SlackPayloadException(string message) : Exception(message);

/// <summary>Small readers for Slack payloads: missing or mistyped fields read as null, required ones throw.</summary>
internal static class Json
{
    public static JsonElement? Get(this JsonElement element, params string[] path)
    {
        var node = element;
        foreach (var name in path)
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                return null;
            }
        }

        return node.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : node;
    }

    public static string? Str(this JsonElement element, params string[] path) =>
        element.Get(path) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    public static string Required(this JsonElement element, params string[] path) =>
        element.Str(path) is { Length: > 0 } value ? value : throw new SlackPayloadException($"missing {string.Join('.', path)}");

    public static IEnumerable<JsonElement> Items(this JsonElement element, params string[] path) =>
        element.Get(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
