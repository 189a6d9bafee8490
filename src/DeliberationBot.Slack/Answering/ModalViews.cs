using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Answering;

/// <summary>
/// The modal that shows a reply. A review of one's answers too long for one modal is not cut: it goes to the person's
/// direct messages, in as many messages as it takes, and the modal says so.
/// </summary>
internal sealed class ModalViews(ReplyOutbox outbox)
{
    public async Task<JsonObject> ForAsync(OutgoingMessage reply, Actor actor, string deliveryKey, CancellationToken ct)
    {
        if (reply is AnswersReview review && !ModalRenderer.Fits(review))
        {
            await outbox.QueuePrivatelyAsync(actor, review.DeliberationId, deliveryKey, [review], ct);
        }

        return ModalRenderer.Render(reply);
    }
}
