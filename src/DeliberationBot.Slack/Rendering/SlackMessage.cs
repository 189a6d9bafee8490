using System.Text.Json.Nodes;

namespace DeliberationBot.Slack.Rendering;

/// <summary>A rendered message: the notification/fallback <see cref="Text"/> (escaped) and the Block Kit blocks.</summary>
internal sealed record SlackMessage(string Text, JsonArray Blocks)
{
    /// <summary>The body fields every message-sending method shares.</summary>
    public JsonObject ToPayload()
    {
        return new JsonObject
        {
            ["text"] = Text,
            ["blocks"] = Blocks.DeepClone(),
        };
    }
}
