using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Inbound.Payloads;
using DeliberationBot.Slack.Interactivity;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Concerns;

/// <summary>
/// The buttons on a concern. Acknowledge and Accept act at once (the reply, or why not, comes privately); Respond,
/// Mark addressed, Won't address and Close ask for the words in a modal first, and Reopen for the words, if any, of
/// why the response did not settle it. Core decides who may do what.
/// The message pressed on (an owner's concerns, or the response to the people who raised one) is then drawn again as
/// it now stands, so that it never offers what was done.
/// </summary>
internal sealed class ConcernActions(ConcernService concerns, ActionReplies replies, ViewReplies views, SlackApiClient api, SlackLog log)
{
    public async Task<SlackAck> PressAsync(SlackAction a, ConcernAction action, CancellationToken ct)
    {
        if (!Guid.TryParse(a.Value, out var concernId))
        {
            throw new SlackPayloadException("concern button without a concern id");
        }

        if (SlackIds.AsksForWords(action))
        {
            // Anyone in the channel can press a button on the conversation's notice: no form for someone refused.
            var (form, refused) = await concerns.ForWordsAsync(a.Actor, concernId, action, ct);
            return form is not null
                ? replies.Modal(a, ConcernModals.Text(action, form, a.ConcernMessage), "concern")
                : Redrawing(await replies.PrivateAsync(a, refused!, "concern", ct), a.Actor, concernId, action, refused!, a.ConcernMessage);
        }

        var result = await concerns.ActAsync(a.Actor, concernId, action, null, a.ClickKey, ct);
        return Redrawing(await replies.PrivateAsync(a, result, "concern", ct), a.Actor, concernId, action, result, a.ConcernMessage);
    }

    public async Task<SlackAck> SubmitAsync(Actor actor, string? metadata, ViewState state, string key, CancellationToken ct)
    {
        if (!SlackIds.TryParseConcernMetadata(metadata, out var concernId, out var action, out var from))
        {
            throw new SlackPayloadException("concern modal without its concern and action");
        }

        var text = state.Text(SlackIds.ResponseBlock)?.Trim();
        var result = await concerns.ActAsync(actor, concernId, action, string.IsNullOrEmpty(text) ? null : text, key, ct);
        return Redrawing(await views.RespondAsync(result, SlackIds.ResponseBlock, actor, key, ct), actor, concernId, action, result, from);
    }

    /// <summary>
    /// After the acknowledgement (the record is read then, not while Slack waits), the message drawn again when the
    /// action was taken and it still fits one message: an owner's concerns, or the response to the people who raised one.
    /// Refused because the message is older than the concern's last change, it is drawn as the concern now stands, beside
    /// the refusal, so it no longer offers what was refused (Core says when: <see cref="ConcernService.RedrawnAfterAsync"/>).
    /// </summary>
    private SlackAck Redrawing(SlackAck ack, Actor actor, Guid concernId, ConcernAction action, TurnResult result, ConcernMessage? message)
    {
        if (message is null)
        {
            return ack;
        }

        return ack.AndThen(async ct =>
        {
            if (await concerns.RedrawnAfterAsync(actor, concernId, message.Shown, action, result, ct) is not { } now
                || MessageRenderer.RenderPages(now, threaded: false) is not [var page])
            {
                return;
            }

            var updated = await api.UpdateMessageAsync(actor.WorkspaceId, message.Channel, message.Ts, page, ct);
            if (!updated.Ok)
            {
                log.ReplyNotSent(actor.WorkspaceId, updated.Error);
            }
        });
    }
}
