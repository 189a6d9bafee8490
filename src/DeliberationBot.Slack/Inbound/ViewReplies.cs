using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Answering;

namespace DeliberationBot.Slack.Inbound;

/// <summary>
/// The synchronous answer to a modal submission: the next step replaces the modal (response_action update), a problem
/// is shown next to the input it concerns (response_action errors), a repeated submission changes nothing.
/// </summary>
internal sealed class ViewReplies(ModalViews views, SlackLog log)
{
    public async Task<SlackAck> RespondAsync(TurnResult result, string errorBlock, Actor actor, string key, CancellationToken ct)
    {
        if (result.Duplicate)
        {
            log.Duplicate("view submission", actor.WorkspaceId, key);
            return SlackAck.Empty;
        }

        return (result.Replies.Count > 0 ? result.Replies[0] : null) switch
        {
            null => SlackAck.Empty,
            ErrorMessage e => SlackAck.Json(Replies.Errors(errorBlock, e.OnOneLine)),
            var reply => SlackAck.Json(Replies.UpdateView(await views.ForAsync(reply, actor, key, ct))),
        };
    }
}
