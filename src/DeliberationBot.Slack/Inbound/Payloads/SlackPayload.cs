using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DeliberationBot.Core.Inbound;

namespace DeliberationBot.Slack.Inbound.Payloads;

/// <summary>Reads a payload into its typed record once, at the edge; every failure is a JsonException or a SlackPayloadException.</summary>
internal static class SlackPayload
{
    /// <summary>Text from outside: checked by <see cref="WellFormedJson"/> (lone surrogates, nesting) before it is typed.</summary>
    public static T Read<T>(string json, JsonTypeInfo<T> type)
    {
        using var doc = WellFormedJson.Parse(json);
        return Read(doc.RootElement, type);
    }

    public static T Read<T>(JsonElement element, JsonTypeInfo<T> type) =>
        element.ValueKind == JsonValueKind.Object
            ? element.Deserialize(type) ?? throw new SlackPayloadException($"empty {typeof(T).Name}")
            : throw new SlackPayloadException($"{typeof(T).Name} is not a JSON object");

    /// <summary>An id every payload of its kind carries: present and not empty.</summary>
    public static string Required(string? value, string what) =>
        value is { Length: > 0 } ? value : throw new SlackPayloadException($"missing {what}");
}
