using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Interactivity;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Concerns;

/// <summary>"Record the decision": a modal with the outcome and the rationale, submitted to Core's decision.</summary>
internal sealed class DecisionActions(ConcernService concerns, IDeliberationStore store, ActionReplies replies, SlackLog log)
{
    public async Task<SlackAck> OpenAsync(SlackAction a, CancellationToken ct)
    {
        if (!Guid.TryParse(a.Value, out var deliberationId))
        {
            throw new SlackPayloadException("decision button without a deliberation id");
        }

        var d = await store.FindAsync(a.Actor.WorkspaceId, deliberationId, ct);
        return replies.Modal(a, ConcernModals.Decision(deliberationId, d?.Title), "decision");
    }

    public async Task<SlackAck> SubmitAsync(Actor actor, string? metadata, ViewState state, string key, CancellationToken ct)
    {
        if (!Guid.TryParse(metadata, out var deliberationId))
        {
            throw new SlackPayloadException("decision modal without its deliberation");
        }

        if (!DecisionOutcomes.TryParse(state.Selected(SlackIds.OutcomeBlock) ?? "", out var outcome))
        {
            return SlackAck.Json(Replies.Errors(SlackIds.OutcomeBlock, "Choose the outcome."));
        }

        var result = await concerns.DecideAsync(actor, deliberationId, outcome, state.Text(SlackIds.RationaleBlock) ?? "", key, ct);
        return ViewReplies.Respond(result, SlackIds.RationaleBlock, actor, key, log);
    }
}
