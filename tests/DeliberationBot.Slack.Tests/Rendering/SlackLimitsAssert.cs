using System.Text.Json.Nodes;

namespace DeliberationBot.Slack.Tests.Rendering;

/// <summary>Walks rendered Block Kit JSON and checks every limit Slack enforces, and that mrkdwn is verbatim.</summary>
internal static class SlackLimitsAssert
{
    public static void Message(JsonObject payload)
    {
        var text = payload["text"]?.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(text), "a message needs a top-level text fallback");
        Assert.True(text!.Length <= 3000, $"fallback text is {text.Length} characters");
        var blocks = payload["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 50);
        Assert.True(Slack.Rendering.Block.TextLength(blocks) <= 12000, $"blocks carry {Slack.Rendering.Block.TextLength(blocks)} characters of text");
        Walk(blocks);
    }

    public static void Modal(JsonObject view)
    {
        Assert.Equal("modal", view["type"]!.GetValue<string>());
        Assert.InRange(view["title"]!["text"]!.GetValue<string>().Length, 1, 24);
        Assert.InRange(view["close"]!["text"]!.GetValue<string>().Length, 1, 24);
        if (view["submit"] is { } submit)
        {
            Assert.InRange(submit["text"]!.GetValue<string>().Length, 1, 24);
        }

        Assert.True((view["private_metadata"]?.GetValue<string>().Length ?? 0) <= 3000);
        var blocks = view["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 100);
        if (blocks.Any(b => b!["type"]!.GetValue<string>() == "input"))
        {
            Assert.NotNull(view["submit"]);
        }

        Walk(blocks);
    }

    private static void Walk(JsonNode? node, string? parentKey = null)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() is "mrkdwn" or "plain_text" && o["text"] is JsonValue t)
                {
                    var length = t.GetValue<string>().Length;
                    Assert.InRange(length, 1, Max(parentKey));
                    if (o["type"]!.GetValue<string>() == "mrkdwn")
                    {
                        Assert.True(o["verbatim"]?.GetValue<bool>(), "mrkdwn text must be verbatim");
                    }
                }

                if (o["block_id"] is JsonValue blockId)
                {
                    Assert.InRange(blockId.GetValue<string>().Length, 1, 255);
                }

                if (o["type"]?.GetValue<string>() is "header")
                {
                    Assert.True(o["text"]!["text"]!.GetValue<string>().Length <= 150, "header text over 150");
                }

                if (o["type"]?.GetValue<string>() is "section" && o["fields"] is JsonArray fields)
                {
                    Assert.True(fields.Count <= 10);
                }

                if (o["options"] is JsonArray options)
                {
                    Assert.True(options.Count <= (o["type"]?.GetValue<string>() is "radio_buttons" or "checkboxes" ? 10 : 100), $"{options.Count} options in {o["type"]}");
                    foreach (var option in options)
                    {
                        Assert.True(option!["value"]!.GetValue<string>().Length <= 150);
                    }
                }

                foreach (var (key, value) in o)
                {
                    Walk(value, key == "text" || key == "description" || key == "label" || key == "placeholder" || key == "hint" ? $"{parentKey}.{key}" : key);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Walk(item, parentKey);
                }

                break;
        }
    }

    /// <summary>The limit for a text object by where it sits.</summary>
    private static int Max(string? where) => where switch
    {
        _ when where?.StartsWith("options", StringComparison.Ordinal) == true || where?.StartsWith("initial_option", StringComparison.Ordinal) == true => 75,
        _ when where?.StartsWith("elements.text", StringComparison.Ordinal) == true => 75, // button text inside actions
        _ when where?.StartsWith("fields", StringComparison.Ordinal) == true => 2000,
        _ when where?.EndsWith(".placeholder", StringComparison.Ordinal) == true => 150,
        _ when where?.EndsWith(".label", StringComparison.Ordinal) == true => 2000,
        _ => 3000,
    };
}
