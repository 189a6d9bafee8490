using System.Text.Json.Nodes;
using DeliberationBot.Core.Messaging;
using static DeliberationBot.Slack.Rendering.Mrkdwn;

namespace DeliberationBot.Slack.Rendering;

/// <summary>A person's answers with a "Change" button each, and a question modal's "Change an earlier answer" select.</summary>
internal static class ReviewRenderer
{
    public static List<JsonObject> Review(AnswersReview review)
    {
        var blocks = new List<JsonObject>();
        ConcernRenderer.Preview(review.JustFlagged, blocks);
        blocks.Add(Block.Section(Escape(review.Text)));
        blocks.AddRange(review.Answers.Select(a => Block.Section(
            $"*{Escape(a.Text)}*\n{Escape(a.Answer)}",
            Block.Button("Change", SlackIds.ChangeAnswerAction, SlackIds.ChangeValue(review.DeliberationId, a.QuestionId)))));
        return blocks;
    }

    /// <summary>Jumps to an answered question; selecting dispatches at once (an actions block, not an input).</summary>
    public static JsonObject? Jump(QuestionPrompt q)
    {
        if (q.Earlier.Count == 0)
        {
            return null;
        }

        var select = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = SlackIds.JumpAction,
            ["placeholder"] = Block.Plain("Change an earlier answer", SlackLimits.OptionText),
            ["options"] = new JsonArray([.. q.Earlier.Take(SlackLimits.SelectOptions).Select(e => Block.Option(e.Text, e.QuestionId, e.Answer))]),
        };
        return Block.Actions(SlackIds.JumpBlock, select);
    }
}
