using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Concerns;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Inbound.Payloads;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Interactivity;

/// <summary>
/// One block action (a button press, a select) as the handlers need it: who, which action and value, and where it
/// happened: a message (channel, ts, thread) or a modal (view id, hash, metadata).
/// </summary>
internal sealed record SlackAction(
    Actor Actor,
    string ActionId,
    string? Value,
    string TriggerId,
    string? ChannelId,
    string? MessageTs,
    string? ThreadTs,
    string? ViewId,
    string? ViewHash,
    string? ViewMetadata)
{
    public bool InModal => ViewId is not null;

    /// <summary>The concerns message the button was pressed on, to draw again after the action; null on any other.</summary>
    public ConcernMessage? ConcernMessage { get; init; }

    /// <summary>The delivery key of a press that acts at once; a double click has one effect.</summary>
    public string ClickKey => DeliveryKeys.Click(Actor.WorkspaceId, Actor.User.Id, ViewId ?? $"{ChannelId}/{MessageTs}", ActionId, Value);

    public static SlackAction From(InteractionPayload payload)
    {
        var action = payload.Actions is [{ } first, ..] ? first : throw new SlackPayloadException("block_actions without actions");
        var inModal = payload.Container?.Type == "view";
        var pressed = new SlackAction(
            InteractionHandler.ActorOf(payload),
            SlackPayload.Required(action.ActionId, "action_id"),
            action.Value ?? action.SelectedOption?.Value,
            SlackPayload.Required(payload.TriggerId, "trigger_id"),
            payload.Container?.ChannelId ?? payload.Channel?.Id,
            payload.Container?.MessageTs ?? payload.Message?.Ts,
            payload.Message?.ThreadTs,
            inModal ? SlackPayload.Required(payload.View?.Id ?? payload.Container?.ViewId, "view id") : null,
            inModal ? payload.View?.Hash : null,
            inModal ? payload.View?.PrivateMetadata : null);
        return pressed with
        {
            ConcernMessage = !inModal && pressed is { ChannelId: { } channel, MessageTs: { } ts }
                && SlackIds.ShownOn(payload.Message?.Blocks?.Select(b => b.BlockId) ?? []) is { } shown
                    ? new ConcernMessage(channel, ts, shown)
                    : null,
        };
    }
}
