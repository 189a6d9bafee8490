using System.Text.Json.Nodes;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Inbound;

/// <summary>Shapes a turn's replies for the synchronous answer surfaces Slack offers.</summary>
internal static class Replies
{
    /// <summary>All replies as one message (usually there is one).</summary>
    public static SlackMessage Combine(IReadOnlyList<OutgoingMessage> replies)
    {
        var rendered = replies.Select(MessageRenderer.Render).ToList();
        if (rendered.Count == 1)
        {
            return rendered[0];
        }

        var blocks = rendered.SelectMany(r => r.Blocks).Select(b => b!.DeepClone().AsObject()).ToList();
        return new SlackMessage(
            Mrkdwn.TruncateEscaped(string.Join("\n", rendered.Select(r => r.Text)), SlackLimits.FallbackText),
            Block.Fit(blocks, [], SlackLimits.MessageBlocks, SlackLimits.MessageBlockTextBudget));
    }

    /// <summary>The answer to a slash command that only its caller sees.</summary>
    public static JsonObject Ephemeral(IReadOnlyList<OutgoingMessage> replies)
    {
        var body = Combine(replies).ToPayload();
        body["response_type"] = "ephemeral";
        return body;
    }

    public static JsonObject UpdateView(JsonObject view) => new() { ["response_action"] = "update", ["view"] = view };

    public static JsonObject Errors(string blockId, string text) => new()
    {
        ["response_action"] = "errors",
        ["errors"] = new JsonObject { [blockId] = Mrkdwn.Truncate(text, 300) },
    };
}
