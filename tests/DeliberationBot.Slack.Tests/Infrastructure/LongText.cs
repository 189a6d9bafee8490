using System.Text.Json.Nodes;

namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>Long answers whose words no other answer shares, and how to find them whole in what Slack received.</summary>
internal static class LongText
{
    /// <summary>About <paramref name="length"/> characters of words made from the marker, different for every marker.</summary>
    public static string Words(string marker, int length)
    {
        var key = Squash(marker);
        return string.Join(' ', Enumerable.Range(0, length / 6).Select(w => $"{key}w{w}")).PadRight(length, 'z')[..length].TrimEnd();
    }

    /// <summary>Text with line breaks, quote marks and spacing folded away, so words split across blocks compare whole.</summary>
    public static string Squash(string text) => new([.. text.Where(char.IsLetterOrDigit)]);

    /// <summary>
    /// What a person reads in a message's or modal's blocks, in order, without the buttons beside sections and the
    /// "Part 2 of 5." notes between parts (which would fall in the middle of a long answer continued across parts).
    /// </summary>
    public static string Read(JsonObject payload) =>
        string.Join("\n", payload["blocks"]!.AsArray()
            .Where(b => !IsPartNote(b!))
            .SelectMany(b => new[] { b!["text"]?["text"] }
                .Concat(b["fields"]?.AsArray().Select(f => f?["text"]) ?? [])
                .Concat(b["type"]!.GetValue<string>() == "context" ? b["elements"]!.AsArray().Select(e => e?["text"]) : []))
            .OfType<JsonValue>()
            .Select(t => t.GetValue<string>()));

    public static string Read(RecordedCall call) => Read(JsonNode.Parse(call.Body)!.AsObject());

    private static bool IsPartNote(JsonNode block) =>
        block["type"]!.GetValue<string>() == "context" && block["elements"]![0]!["text"]!.GetValue<string>().StartsWith("Part ", StringComparison.Ordinal);
}
