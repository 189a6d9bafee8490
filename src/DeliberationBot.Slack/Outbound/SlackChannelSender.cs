using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Rendering;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack.Outbound;

/// <summary>
/// Sends outbox messages to Slack: in the conversation (posted, or updated in place when the slot was posted before),
/// privately (a direct message) or ephemerally. 429 and transient failures come back as retries, ok:false as failures.
/// </summary>
internal sealed partial class SlackChannelSender(SlackApiClient api, IPartLedger parts, ILogger<SlackChannelSender> logger) : IChannelSender
{
    public const string ChannelName = SlackChannel.Name;

    /// <summary>chat.update errors that mean the old message is gone: post a new one instead.</summary>
    private static readonly HashSet<string> MessageGone = new(StringComparer.Ordinal) { "message_not_found", "cant_update_message", "edit_window_closed" };

    public string Channel => ChannelName;

    public async Task<SendResult> SendAsync(OutboxItem item, CancellationToken ct)
    {
        var message = item.Message;
        var destination = message.Destination;
        var team = destination.Conversation.WorkspaceId;
        switch (destination.Mode)
        {
            case DeliveryMode.Conversation when item.PreviouslyPosted is { } previous:
                var rendered = MessageRenderer.Render(message.Message); // a slot (a deliberation's card) is one message, updated in place
                var updated = await api.UpdateMessageAsync(team, previous.ConversationId, previous.MessageId, rendered, ct);
                if (updated.Status == SlackApiStatus.Error && MessageGone.Contains(updated.Error!))
                {
                    LogRepost(message.Id, previous.ConversationId, updated.Error!);
                    return Posted(await api.PostMessageAsync(team, destination.Conversation.ConversationId, rendered, destination.Conversation.ThreadId, ct), previous.ConversationId);
                }

                return Posted(updated, previous.ConversationId);
            case DeliveryMode.Conversation when message.SlotKey is not null:
                return Posted(await api.PostMessageAsync(team, destination.Conversation.ConversationId, MessageRenderer.Render(message.Message), destination.Conversation.ThreadId, ct), destination.Conversation.ConversationId);
            case DeliveryMode.Conversation:
                return await PostPagesAsync(message, destination.Conversation.ConversationId, destination.Conversation.ThreadId, ct);
            case DeliveryMode.Private:
                var user = destination.User ?? throw new InvalidOperationException($"Outbox message {message.Id} is private but has no user.");
                var opened = await api.OpenConversationAsync(team, user.Id, ct);
                if (!opened.Ok)
                {
                    return Outcome(opened);
                }

                var dm = opened.GetString("channel", "id") ?? throw new InvalidOperationException("conversations.open returned no channel id.");
                return await PostPagesAsync(message, dm, null, ct);
            case DeliveryMode.Ephemeral:
                var to = destination.User ?? throw new InvalidOperationException($"Outbox message {message.Id} is ephemeral but has no user.");
                foreach (var page in MessageRenderer.RenderPages(message.Message))
                {
                    var ephemeral = await api.PostEphemeralAsync(team, destination.Conversation.ConversationId, to.Id, page, destination.Conversation.ThreadId, ct);
                    if (!ephemeral.Ok)
                    {
                        return Outcome(ephemeral);
                    }
                }

                return SendResult.Delivered();
            default:
                throw new InvalidOperationException($"Unknown delivery mode {destination.Mode}");
        }
    }

    /// <summary>
    /// Posts a message that may take several Slack messages: the first where it belongs, the rest in its thread. Each
    /// part the platform accepts is recorded, so a retry after a failed part posts only what is missing.
    /// </summary>
    private async Task<SendResult> PostPagesAsync(OutboxMessage message, string channel, string? threadTs, CancellationToken ct)
    {
        var team = message.Destination.Conversation.WorkspaceId;
        var pages = MessageRenderer.RenderPages(message.Message);
        PostedMessage? first = null;
        for (var i = 0; i < pages.Count; i++)
        {
            var posted = await parts.FindAsync(message, i, ct);
            if (posted is null)
            {
                var result = Posted(await api.PostMessageAsync(team, channel, pages[i], i == 0 ? threadTs : threadTs ?? first!.MessageId, ct), channel);
                if (result.Status != SendStatus.Delivered)
                {
                    return result;
                }

                posted = result.Posted!;
                if (pages.Count > 1)
                {
                    await parts.RecordAsync(message, i, posted, ct);
                }
            }

            first ??= posted;
        }

        return SendResult.Delivered(first);
    }

    private static SendResult Posted(SlackApiResult result, string channel) =>
        result.Ok
            ? SendResult.Delivered(new PostedMessage(result.GetString("channel") ?? channel, result.GetString("ts") ?? throw new InvalidOperationException($"{result.Method} returned no ts.")))
            : Outcome(result);

    private static SendResult Outcome(SlackApiResult result) => result.Status switch
    {
        SlackApiStatus.RateLimited => SendResult.Retry($"{result.Method}: rate limited", result.RetryAfter),
        SlackApiStatus.Transient => SendResult.Retry($"{result.Method}: {result.Error}"),
        _ => SendResult.Fail($"{result.Method}: {result.Error}"),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId}: the earlier message in {Channel} is gone ({Error}); posting a new one")]
    private partial void LogRepost(Guid messageId, string channel, string error);
}
