using System.Text.Json.Nodes;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>Collects the visible text of an Adaptive Card.</summary>
internal static class Texts
{
    /// <summary>Every string value in the JSON, decoded (the serializer writes '&lt;' as \u003C).</summary>
    public static IEnumerable<string> AllStrings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => AllStrings(p.Value)),
        JsonArray a => a.SelectMany(AllStrings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    public static string Of(JsonNode node)
    {
        var parts = new List<string>();
        Walk(node, parts);
        return string.Join("\n", parts);
    }

    private static void Walk(JsonNode? node, List<string> parts)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key is "text" or "title" or "value" && value is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        parts.Add(s);
                    }
                    else
                    {
                        Walk(value, parts);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, parts);
                }

                break;
        }
    }
}
