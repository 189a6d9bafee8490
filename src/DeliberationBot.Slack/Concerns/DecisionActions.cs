using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Forms;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Inbound.Payloads;
using DeliberationBot.Slack.Interactivity;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Concerns;

/// <summary>"Record the decision": a modal with the outcome and the rationale, submitted to Core's decision.</summary>
internal sealed class DecisionActions(DecisionService decisions, ActionReplies replies, ViewReplies views)
{
    public async Task<SlackAck> OpenAsync(SlackAction a, CancellationToken ct)
    {
        if (!Guid.TryParse(a.Value, out var deliberationId))
        {
            throw new SlackPayloadException("decision button without a deliberation id");
        }

        var (decided, title, whoReads) = await decisions.OpenFormAsync(a.Actor, deliberationId, ct);
        return decided is not null
            ? await replies.PrivateAsync(a, decided, "decision", ct)
            : replies.Modal(a, ConcernModals.Decision(deliberationId, title, whoReads), "decision");
    }

    public async Task<SlackAck> SubmitAsync(Actor actor, string? metadata, ViewState state, string key, CancellationToken ct)
    {
        if (!Guid.TryParse(metadata, out var deliberationId))
        {
            throw new SlackPayloadException("decision modal without its deliberation");
        }

        var (outcome, rationale, problem) = ChoiceForms.Decision(state.Selected(SlackIds.OutcomeBlock), state.Text(SlackIds.RationaleBlock));
        if (problem is not null)
        {
            return SlackAck.Json(Replies.Errors(problem));
        }

        var result = await decisions.DecideAsync(actor, deliberationId, outcome, rationale, key, ct, fromButton: true);
        return await views.RespondAsync(result, SlackIds.RationaleBlock, actor, key, ct);
    }
}
