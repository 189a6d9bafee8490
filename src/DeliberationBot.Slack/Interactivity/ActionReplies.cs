using DeliberationBot.Core.Deliberations;
using DeliberationBot.Slack.Answering;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.Rendering;
using System.Text.Json.Nodes;

namespace DeliberationBot.Slack.Interactivity;

/// <summary>
/// How an action's outcome reaches the person, right after the acknowledgement: a modal (replacing the modal the action
/// came from, or opened with its trigger id), or a message only they see where they pressed the button.
/// </summary>
internal sealed class ActionReplies(SlackApiClient api, ModalViews views, SlackLog log)
{
    public async Task<SlackAck> ModalAsync(SlackAction a, TurnResult result, string what, CancellationToken ct)
    {
        if (result.Duplicate || result.Replies.Count == 0)
        {
            return SlackAck.Empty;
        }

        return Modal(a, await views.ForAsync(result.Replies[0], a.Actor, a.ClickKey, ct), what);
    }

    public SlackAck Modal(SlackAction a, JsonObject view, string what)
    {
        var team = a.Actor.WorkspaceId;
        return SlackAck.Then(async ct =>
        {
            var shown = a.ViewId is { } viewId
                ? await api.UpdateViewAsync(team, viewId, a.ViewHash, view, ct)
                : await api.OpenViewAsync(team, a.TriggerId, view, ct);
            if (!shown.Ok)
            {
                log.ModalNotOpened(what, team, shown.Error);
            }
        });
    }

    /// <summary>A confirmation or an error for the person alone: ephemeral under a message, or in the modal they are in.</summary>
    public async Task<SlackAck> PrivateAsync(SlackAction a, TurnResult result, string what, CancellationToken ct)
    {
        if (result.Duplicate)
        {
            log.Duplicate(what, a.Actor.WorkspaceId, a.ClickKey);
            return SlackAck.Empty;
        }

        if (result.Replies.Count == 0)
        {
            return SlackAck.Empty;
        }

        if (a.InModal)
        {
            return await ModalAsync(a, result, what, ct);
        }

        if (a.ChannelId is not { } channel)
        {
            log.Ignored(what, "no channel to reply in");
            return SlackAck.Empty;
        }

        var replies = Replies.Combine(result.Replies);
        return SlackAck.Then(async ct =>
        {
            foreach (var reply in replies)
            {
                var sent = await api.PostEphemeralAsync(a.Actor.WorkspaceId, channel, a.Actor.User.Id, reply, a.ThreadTs, ct);
                if (!sent.Ok)
                {
                    log.ReplyNotSent(a.Actor.WorkspaceId, sent.Error);
                    return;
                }
            }
        });
    }
}
