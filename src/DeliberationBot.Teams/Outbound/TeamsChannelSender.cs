using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Cards;
using DeliberationBot.Teams.Installation;

namespace DeliberationBot.Teams.Outbound;

/// <summary>
/// Sends outbox messages to Teams. Conversation: posted (a reply in the thread when the destination names one), or
/// updated in place when its slot was posted before. Private: into the person's 1:1 chat with the bot, created when
/// none is known yet. Ephemeral: Teams has no such thing, so it goes 1:1 as well.
/// <para>A message too long for one Teams message goes as several activities, in order; each part Teams accepts is
/// recorded in the <see cref="IPartLedger"/>, so a retry after a later part failed sends only the rest. A slot message
/// (the deliberation's card, updated in place) is always one activity. Nothing over Teams' size limit is ever sent.</para>
/// <para>A 429 with a long Retry-After comes back to the outbox with that wait (not counted as an attempt), and later
/// sends to the same conversation wait too, so messages keep their order. A post that may have gone through (5xx or a timeout after
/// the request was sent) is reported as failed and not repeated, rather than shown twice.</para>
/// </summary>
internal sealed class TeamsChannelSender(
    BotConnectorClient connector, ConversationReferences references, PersonalConversations personal, IPartLedger ledger, TimeProvider time, TeamsLog log)
    : IChannelSender
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _throttledUntil = new(StringComparer.Ordinal);

    public string Channel => TeamsChannel.Name;

    private sealed record Target(string ServiceUrl, string ConversationId, string? ReplyTo, ActivityEnvelope Envelope);

    public async Task<SendResult> SendAsync(OutboxItem item, CancellationToken ct)
    {
        var message = item.Message;
        var (target, failure) = await TargetAsync(message, ct);
        if (target is null)
        {
            return failure!;
        }

        var context = RenderContext.Named(target.Envelope.BotName) with
        {
            InChannel = target.Envelope.ConversationType == "channel",
            InGroupChat = target.Envelope.ConversationType == "groupChat",
        };
        var activities = AdaptiveCardRenderer.Activities(message.Message, context).Select(target.Envelope.Apply).ToList();
        if (activities.FirstOrDefault(a => CardPager.Bytes(a) > CardPager.MaxActivityBytes) is { } tooBig)
        {
            return SendResult.Fail($"a part of {message.Message.GetType().Name} is {CardPager.Bytes(tooBig)} bytes, over the {CardPager.MaxActivityBytes} Teams accepts; it was not sent");
        }

        if (activities.Count == 1)
        {
            return await PostAsync(target, message.SlotKey is null ? null : item.PreviouslyPosted, activities[0], message.Id, ct);
        }

        if (message.SlotKey is not null)
        {
            return SendResult.Fail($"{message.Message.GetType().Name} is updated in place, so it must fit one Teams message, but it needs {activities.Count}");
        }

        PostedMessage? first = null;
        for (var part = 0; part < activities.Count; part++)
        {
            if (await ledger.FindAsync(message, part, ct) is { } accepted)
            {
                first ??= accepted;
                continue;
            }

            var result = await PostAsync(target, null, activities[part], message.Id, ct);
            if (result.Status != SendStatus.Delivered)
            {
                return result;
            }

            var posted = result.Posted ?? new PostedMessage(ConversationIds.Base(target.ConversationId), "");
            await ledger.RecordAsync(message, part, posted, ct);
            first ??= posted;
        }

        log.SentInParts(message.Id, activities.Count);
        return SendResult.Delivered(first);
    }

    /// <summary>Where the message goes, and the addressing its activities carry.</summary>
    private async Task<(Target? Target, SendResult? Failure)> TargetAsync(OutboxMessage message, CancellationToken ct)
    {
        var destination = message.Destination;
        var tenant = destination.Conversation.WorkspaceId;
        var home = await references.FindConversationAsync(tenant, destination.Conversation.ConversationId, ct);
        switch (destination.Mode)
        {
            case DeliveryMode.Conversation:
                if (home is null)
                {
                    return (null, SendResult.Fail($"no conversation reference for {destination.Conversation.ConversationId} in tenant {tenant}: the bot has not received an activity from that conversation"));
                }

                var person = destination.User is { } user ? (await references.FindUserAsync(tenant, user.Id, ct))?.User : null;
                var conversationId = destination.Conversation.ConversationId;
                var replyTo = destination.Conversation.ThreadId;
                return (new Target(home.ServiceUrl, conversationId, replyTo,
                    new ActivityEnvelope(conversationId, home.ConversationType, tenant, home.BotId, BotName(home), person, replyTo)), null);
            case DeliveryMode.Private or DeliveryMode.Ephemeral:
                var someone = destination.User ?? throw new InvalidOperationException($"Outbox message {message.Id} is {destination.Mode} but has no user.");
                var chat = await personal.FindOrCreateAsync(tenant, someone, destination.Conversation, ct);
                if (chat.Conversation is not { } found)
                {
                    return (null, chat.Failure!);
                }

                return (new Target(found.ServiceUrl, found.ConversationId!, null,
                    new ActivityEnvelope(found.ConversationId!, "personal", tenant, found.BotId, BotName(home), found.User, null)), null);
            default:
                throw new InvalidOperationException($"Unknown delivery mode {destination.Mode}");
        }
    }

    private static string BotName(TeamsConversationReference? reference) => reference?.BotName ?? RenderContext.DefaultBotName;

    private async Task<SendResult> PostAsync(Target target, PostedMessage? previous, JsonObject activity, Guid messageId, CancellationToken ct)
    {
        var (serviceUrl, conversationId, replyTo, _) = target;
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
