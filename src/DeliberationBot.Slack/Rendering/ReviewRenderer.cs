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
        Notice(review.Notice, blocks);
        ConcernRenderer.Preview(review.JustFlagged, blocks);
        blocks.AddRange(Block.Sections(Escape(review.Text)));
        foreach (var a in review.Answers)
        {
            // The question and the answer as written, one section each (a long answer takes more), its button on the first:
            // a full review of fifty answers then still fits one form.
            blocks.AddRange(Block.Verbatim($"{a.Text}\n{a.Answer}", Block.Button("Change", SlackIds.ChangeAnswerAction, SlackIds.ChangeValue(review.DeliberationId, a.QuestionId))));
            if (a.Flagged)
            {
                blocks.Add(Block.Context(":triangular_flag_on_post: " + Escape(AnsweredQuestion.FlaggedNote)));
            }
        }

        return blocks;
    }

    /// <summary>
    /// In place of a review too long for one modal (see <see cref="ModalRenderer.Fits"/>): what the person flagged, if
    /// anything, and where the rest went.
    /// </summary>
    public static List<JsonObject> FollowsInMessages(AnswersReview review)
    {
        var blocks = new List<JsonObject>();
        Notice(review.Notice, blocks);
        ConcernRenderer.Preview(review.JustFlagged, blocks);
        blocks.AddRange(Block.Sections(Escape(review.Text)));
        blocks.Add(Block.Context(Escape("Your answers are too long to show here, so I've sent them to you in a direct message, each with a Change button.")));
        return blocks;
    }

    /// <summary>What became of a thread reply written before joining, first, where there is one.</summary>
    public static void Notice(string? notice, List<JsonObject> blocks)
    {
        if (notice is not null)
        {
            blocks.AddRange(Block.Sections(Escape(notice)));
        }
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
