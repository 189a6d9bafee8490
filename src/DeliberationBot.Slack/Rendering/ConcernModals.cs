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
    /// <param name="form">The concern, as people see it, and for Reopen how the person's words will be read.</param>
    /// <param name="from">The message the modal was opened from, drawn again once the words are in.</param>
    public static JsonObject Text(ConcernAction action, WordsForm form, Concerns.ConcernMessage? from = null)
    {
        var c = form.Concern;
        var readBy = Core.Summaries.GroupWords.Capitalised(c.ReadBy);
        var label = Core.Messaging.PlainTextRenderer.ActionLabel(action, c.Kind);
        var (title, box, hint, submit) = action switch
        {
            ConcernAction.Respond => ("Respond", "Your response", $"{readBy} will see it.", "Send"),
            ConcernAction.MarkAddressed => (label, $"How it is {c.Kind.Settled()}", $"{readBy} will see this and can accept it or reopen the {c.Kind.Noun()}.", label),
            ConcernAction.WontAddress => (label, $"Why it won't be {c.Kind.Settled()}", $"{readBy} will see this and can accept it or reopen the {c.Kind.Noun()}.", "Send"),
            ConcernAction.Reopen => ("Reopen concern", "What is not settled for you?", form.Hint, "Reopen"),
            _ => ("Close concern", Core.Messaging.PlainTextRenderer.CloseReasonLabel, "This is recorded in the deliberation's history.", "Close concern"),
        };
        // Every voice, whole, as the owner's message shows it.
        var blocks = new List<JsonObject>(Block.Verbatim(ConcernRenderer.Text(c)));

        blocks.Add(Block.Input(SlackIds.ResponseBlock, box, LongText(), optional: action == ConcernAction.Reopen, hint));
        return ModalRenderer.Modal(SlackIds.ConcernCallback, title, blocks, submit, SlackIds.ConcernMetadata(form.Concern.Id, action, from));
    }

    /// <param name="whoReads">Who will read the rationale, said under its box before it is written.</param>
    public static JsonObject Decision(Guid deliberationId, string? title, string whoReads)
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
        blocks.Add(Block.Input(SlackIds.RationaleBlock, "Rationale", LongText(), optional: false, whoReads));
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
