using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Rendering;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack.Outbound;

/// <summary>
/// Sends outbox messages to Slack: in the conversation (posted, or updated in place when the slot was posted before),
/// privately (a direct message) or ephemerally. 429 and transient failures come back as retries, ok:false as failures.
/// </summary>
internal sealed partial class SlackChannelSender(SlackApiClient api, ILogger<SlackChannelSender> logger) : IChannelSender
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
        var rendered = MessageRenderer.Render(message.Message);
        switch (destination.Mode)
        {
            case DeliveryMode.Conversation when item.PreviouslyPosted is { } previous:
                var updated = await api.UpdateMessageAsync(team, previous.ConversationId, previous.MessageId, rendered, ct);
                if (updated.Status == SlackApiStatus.Error && MessageGone.Contains(updated.Error!))
                {
                    LogRepost(message.Id, previous.ConversationId, updated.Error!);
                    return Posted(await api.PostMessageAsync(team, destination.Conversation.ConversationId, rendered, destination.Conversation.ThreadId, ct), previous.ConversationId);
                }

                return Posted(updated, previous.ConversationId);
            case DeliveryMode.Conversation:
                return Posted(await api.PostMessageAsync(team, destination.Conversation.ConversationId, rendered, destination.Conversation.ThreadId, ct), destination.Conversation.ConversationId);
            case DeliveryMode.Private:
                var user = destination.User ?? throw new InvalidOperationException($"Outbox message {message.Id} is private but has no user.");
                var opened = await api.OpenConversationAsync(team, user.Id, ct);
                if (!opened.Ok)
                {
                    return Outcome(opened);
                }

                var dm = opened.GetString("channel", "id") ?? throw new InvalidOperationException("conversations.open returned no channel id.");
                return Posted(await api.PostMessageAsync(team, dm, rendered, null, ct), dm);
            case DeliveryMode.Ephemeral:
                var to = destination.User ?? throw new InvalidOperationException($"Outbox message {message.Id} is ephemeral but has no user.");
                var ephemeral = await api.PostEphemeralAsync(team, destination.Conversation.ConversationId, to.Id, rendered, destination.Conversation.ThreadId, ct);
                return ephemeral.Ok ? SendResult.Delivered() : Outcome(ephemeral);
            default:
                throw new InvalidOperationException($"Unknown delivery mode {destination.Mode}");
        }
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
