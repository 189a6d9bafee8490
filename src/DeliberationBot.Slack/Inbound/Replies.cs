using System.Text.Json.Nodes;
using DeliberationBot.Core.Forms;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Inbound;

/// <summary>Shapes a turn's replies for the synchronous answer surfaces Slack offers.</summary>
internal static class Replies
{
    /// <summary>All replies as Slack messages: one when they fit together, else as many as it takes; nothing is cut.</summary>
    public static IReadOnlyList<SlackMessage> Combine(IReadOnlyList<OutgoingMessage> replies)
    {
        var rendered = replies.SelectMany(r => MessageRenderer.RenderPages(r, threaded: false)).ToList();
        if (rendered.Count == 1)
        {
            return rendered; // already within Slack's limits, fallback text included
        }

        var blocks = rendered.SelectMany(r => r.Blocks).Select(b => b!.DeepClone().AsObject()).ToList();
        if (blocks.Count <= SlackLimits.MessageBlocks && blocks.Sum(Block.TextLength) <= SlackLimits.MessageBlockTextBudget)
        {
            return [new SlackMessage(Mrkdwn.TruncateEscaped(string.Join("\n", rendered.Select(r => r.Text)), SlackLimits.FallbackText), new JsonArray([.. blocks]))];
        }

        return rendered;
    }

    /// <summary>The answer to a slash command that only its caller sees: the first message; <paramref name="more"/> the rest, to post after.</summary>
    public static JsonObject Ephemeral(IReadOnlyList<OutgoingMessage> replies, out IReadOnlyList<SlackMessage> more)
    {
        var messages = Combine(replies);
        more = messages.Skip(1).ToList();
        var body = messages[0].ToPayload();
        body["response_type"] = "ephemeral";
        return body;
    }

    public static JsonObject UpdateView(JsonObject view) => new() { ["response_action"] = "update", ["view"] = view };

    /// <summary>A form problem from Core, shown next to the input it is about.</summary>
    public static JsonObject Errors(FormProblem problem) => Errors(SlackIds.BlockOf(problem.Field), problem.Text);

    public static JsonObject Errors(string blockId, string text) => new()
    {
        ["response_action"] = "errors",
        ["errors"] = new JsonObject { [blockId] = Mrkdwn.Truncate(text, 300) },
    };
}
