using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using static DeliberationBot.Slack.Rendering.Mrkdwn;

namespace DeliberationBot.Slack.Rendering;

/// <summary>
/// The modals that ask for words: a response to a concern (or why it closes, or why it is reopened), and the
/// facilitator's decision.
/// </summary>
internal static class ConcernModals
{
    /// <param name="from">The message the modal was opened from, drawn again once the words are in.</param>
    /// <param name="form">The concern, and how the words will be read when Core says it for the person asked.</param>
    public static JsonObject Text(Guid concernId, ConcernAction action, WordsForm? form, Concerns.ConcernMessage? from = null)
    {
        var (title, label, hint, submit) = action switch
        {
            ConcernAction.Respond => ("Respond", "Your response", "The people who raised it will see it.", "Send"),
            ConcernAction.MarkAddressed => ("Mark addressed", "How it is addressed", "The people who raised it will see this and can accept it or reopen the concern.", "Mark addressed"),
            ConcernAction.WontAddress => ("Won't address", "Why it won't be addressed", "The people who raised it will see this and can accept it or reopen the concern.", "Send"),
            ConcernAction.Reopen => ("Reopen concern", "What is not settled for you?", form?.Hint ?? ConcernResponseNotice.ReopenWordsHint((from?.Shown as ConcernMessageShown.ToRaisers)?.InConversation), "Reopen"),
            _ => ("Close concern", "Why it closes without the people who raised it", "This is recorded in the deliberation's history.", "Close concern"),
        };
        var blocks = new List<JsonObject>();
        if (form is not null)
        {
            blocks.AddRange(Block.Sections(ConcernRenderer.Text(form.Concern))); // every voice, whole, as the owner's message shows it
        }

        blocks.Add(Block.Input(SlackIds.ResponseBlock, label, LongText(), optional: action == ConcernAction.Reopen, hint));
        return ModalRenderer.Modal(SlackIds.ConcernCallback, title, blocks, submit, SlackIds.ConcernMetadata(concernId, action, from));
    }

    public static JsonObject Decision(Guid deliberationId, string? title)
    {
        JsonObject outcome = ModalRenderer.Radio(
        [
            Block.Option(DecisionOutcome.Go.Label(), "go", "Build or buy the tool as proposed"),
            Block.Option(DecisionOutcome.NoGo.Label(), "no-go", "Do not go ahead"),
            Block.Option(DecisionOutcome.GoWithConditions.Label(), "conditions", "Go ahead once conditions are met; add them afterwards"),
            Block.Option(DecisionOutcome.RevisitLater.Label(), "revisit", "Decide later, with more to go on"),
        ], null);
        var blocks = new List<JsonObject>();
        if (title is not null)
        {
            blocks.Add(Block.Section($"How does *{Escape(title)}* end?"));
        }

        blocks.Add(Block.Input(SlackIds.OutcomeBlock, "Outcome", outcome, optional: false));
        blocks.Add(Block.Input(SlackIds.RationaleBlock, "Rationale", LongText(), optional: false, "Everyone in the channel will see the decision and this rationale."));
        return ModalRenderer.Modal(SlackIds.DecisionCallback, "Record the decision", blocks, "Record", deliberationId.ToString("N"));
    }

    private static JsonObject LongText() => new()
    {
        ["type"] = "plain_text_input",
        ["action_id"] = SlackIds.Value,
        ["multiline"] = true,
        ["max_length"] = SlackLimits.PlainTextInputMax,
    };
}
