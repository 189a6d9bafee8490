using System.Text.Json;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;

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

    /// <summary>The delivery key of a press that acts at once; a double click has one effect.</summary>
    public string ClickKey => DeliveryKeys.Click(Actor.WorkspaceId, Actor.User.Id, ViewId ?? $"{ChannelId}/{MessageTs}", ActionId, Value);

    public static SlackAction From(JsonElement payload)
    {
        var action = payload.Items("actions").FirstOrDefault();
        if (action.ValueKind != JsonValueKind.Object)
        {
            throw new SlackPayloadException("block_actions without actions");
        }

        var inModal = payload.Str("container", "type") == "view";
        return new SlackAction(
            InteractionHandler.ActorOf(payload),
            action.Required("action_id"),
            action.Str("value") ?? action.Str("selected_option", "value"),
            payload.Required("trigger_id"),
            payload.Str("container", "channel_id") ?? payload.Str("channel", "id"),
            payload.Str("container", "message_ts") ?? payload.Str("message", "ts"),
            payload.Str("message", "thread_ts"),
            inModal ? payload.Str("view", "id") ?? payload.Required("container", "view_id") : null,
            inModal ? payload.Str("view", "hash") : null,
            inModal ? payload.Str("view", "private_metadata") : null);
    }
}
