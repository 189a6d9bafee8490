using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Inbound.Payloads;
using DeliberationBot.Slack.Interactivity;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Concerns;

/// <summary>
/// The buttons on a concern. Acknowledge, Accept and Reopen act at once (the reply, or why not, comes privately);
/// Respond, Mark addressed, Won't address and Close ask for the words in a modal first. Core decides who may do what.
/// </summary>
internal sealed class ConcernActions(ConcernService concerns, ActionReplies replies, ViewReplies views)
{
    public async Task<SlackAck> PressAsync(SlackAction a, ConcernAction action, CancellationToken ct)
    {
        if (!Guid.TryParse(a.Value, out var concernId))
        {
            throw new SlackPayloadException("concern button without a concern id");
        }

        if (SlackIds.NeedsText(action))
        {
            var concern = await concerns.FindAsync(a.Actor, concernId, ct);
            return replies.Modal(a, ConcernModals.Text(concernId, action, concern), "concern");
        }

        return await replies.PrivateAsync(a, await concerns.ActAsync(a.Actor, concernId, action, null, a.ClickKey, ct), "concern", ct);
    }

    public async Task<SlackAck> SubmitAsync(Actor actor, string? metadata, ViewState state, string key, CancellationToken ct)
    {
        if (!SlackIds.TryParseConcernMetadata(metadata, out var concernId, out var action))
        {
            throw new SlackPayloadException("concern modal without its concern and action");
        }

        var text = state.Text(SlackIds.ResponseBlock)?.Trim();
        var result = await concerns.ActAsync(actor, concernId, action, string.IsNullOrEmpty(text) ? null : text, key, ct);
        return await views.RespondAsync(result, SlackIds.ResponseBlock, actor, key, ct);
    }
}
