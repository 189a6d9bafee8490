using System.Collections.Concurrent;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Cards;
using DeliberationBot.Teams.Installation;

namespace DeliberationBot.Teams.Outbound;

/// <summary>
/// Sends outbox messages to Teams. Conversation: posted (a reply in the thread when the destination names one), or
/// updated in place when its slot was posted before. Private: into the person's 1:1 chat with the bot, created when
/// none is known yet. Ephemeral: Teams has no such thing, so it goes 1:1 as well.
/// <para>A 429 with a long Retry-After comes back to the outbox with that wait (not counted as an attempt), and later
/// sends to the same conversation wait too, so messages keep their order. A post that may have gone through (5xx or a timeout after
/// the request was sent) is reported as failed and not repeated, rather than shown twice.</para>
/// </summary>
internal sealed class TeamsChannelSender(BotConnectorClient connector, ConversationReferences references, PersonalConversations personal, TimeProvider time, TeamsLog log)
    : IChannelSender
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _throttledUntil = new(StringComparer.Ordinal);

    public string Channel => TeamsChannel.Name;

    public async Task<SendResult> SendAsync(OutboxItem item, CancellationToken ct)
    {
        var message = item.Message;
        var destination = message.Destination;
        var tenant = destination.Conversation.WorkspaceId;
        var activity = AdaptiveCardRenderer.Activity(message.Message);
        switch (destination.Mode)
        {
            case DeliveryMode.Conversation:
                var conversation = await references.FindConversationAsync(tenant, destination.Conversation.ConversationId, ct);
                if (conversation is null)
                {
                    return SendResult.Fail($"no conversation reference for {destination.Conversation.ConversationId} in tenant {tenant}: the bot has not received an activity from that conversation");
                }

                return await PostAsync(conversation.ServiceUrl, destination.Conversation.ConversationId, destination.Conversation.ThreadId, item.PreviouslyPosted, activity, message.Id, ct);
            case DeliveryMode.Private or DeliveryMode.Ephemeral:
                var user = destination.User ?? throw new InvalidOperationException($"Outbox message {message.Id} is {destination.Mode} but has no user.");
                var chat = await personal.FindOrCreateAsync(tenant, user, destination.Conversation, ct);
                if (chat.Conversation is not { } found)
                {
                    return chat.Failure!;
                }

                return await PostAsync(found.ServiceUrl, found.ConversationId!, null, null, activity, message.Id, ct);
            default:
                throw new InvalidOperationException($"Unknown delivery mode {destination.Mode}");
        }
    }

    private async Task<SendResult> PostAsync(
        string serviceUrl, string conversationId, string? replyTo, PostedMessage? previous, System.Text.Json.Nodes.JsonObject activity, Guid messageId, CancellationToken ct)
    {
        if (_throttledUntil.TryGetValue(conversationId, out var until) && until > time.GetUtcNow())
        {
            return SendResult.Defer($"conversation {conversationId} is rate limited", until - time.GetUtcNow(), pausesWorkspace: false);
        }

        if (previous is not null)
        {
            var updated = await connector.UpdateActivityAsync(serviceUrl, previous.ConversationId, previous.MessageId, activity, ct);
            if (updated.Ok || updated.HttpStatus != 404)
            {
                return Outcome(updated, previous, conversationId);
            }

            log.RepostingGoneMessage(messageId, previous.MessageId);
            activity.Remove("id");
        }

        var posted = replyTo is null
            ? await connector.SendToConversationAsync(serviceUrl, conversationId, activity, ct)
            : await connector.ReplyToActivityAsync(serviceUrl, conversationId, replyTo, activity, ct);
        return Outcome(posted, posted.Id is { } id ? new PostedMessage(ConversationIds.Base(conversationId), id) : null, conversationId);
    }

    private SendResult Outcome(ConnectorResult result, PostedMessage? posted, string conversationId)
    {
        switch (result.Status)
        {
            case ConnectorStatus.Ok:
                return SendResult.Delivered(posted);
            case ConnectorStatus.RateLimited:
                var wait = result.RetryAfter ?? TimeSpan.FromSeconds(5);
                _throttledUntil[conversationId] = time.GetUtcNow() + wait;
                return SendResult.Defer(result.ToString(), wait, pausesWorkspace: false);
            case ConnectorStatus.Retryable:
                return SendResult.Retry(result.ToString());
            case ConnectorStatus.MaybeDelivered:
                return SendResult.Fail($"{result}; the message may have been delivered, so it is not sent again (a second post would show it twice)");
            default:
                return SendResult.Fail(result.ToString());
        }
    }
}
