using System.Text.Json;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Rendering;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack.Outbound;

/// <summary>
/// Sends outbox messages to Slack: in the conversation (posted, or updated in place when the slot was posted before),
/// privately (a direct message) or ephemerally. 429 comes back as a deferral, transient failures as retries, ok:false
/// as failures.
/// <para>Exactly once: every post carries its outbox id (and part) in the message metadata. When an earlier attempt
/// may have gone through (it timed out, got a 5xx, or its instance died before recording it), the conversation's
/// newest messages are searched for that id first, and a message found there is brought up to date instead of posted
/// again. Ephemeral messages cannot be looked up; a lost answer to one can show it twice to its one reader.</para>
/// </summary>
internal sealed partial class SlackChannelSender(SlackApiClient api, IPartLedger parts, DirectMessageChannels directMessages, ILogger<SlackChannelSender> logger) : IChannelSender
{
    public const string ChannelName = SlackChannel.Name;

    /// <summary>chat.update errors that mean the old message is gone: post a new one instead.</summary>
    private static readonly HashSet<string> MessageGone = new(StringComparer.Ordinal) { "message_not_found", "cant_update_message", "edit_window_closed" };

    /// <summary>Failed posts that mean a remembered direct-message conversation is gone: open it again.</summary>
    private static readonly HashSet<string> ConversationGone = new(StringComparer.Ordinal) { Failure("chat.postMessage", "channel_not_found"), Failure("chat.postMessage", "is_archived") };

    public string Channel => ChannelName;

    // Every call the send would make must have its turn: a direct message to someone not written to before opens its
    // conversation first, so the longer of the two waits decides.
    public SendResult? DeferralBeforeSending(OutboxItem item)
    {
        var team = item.Message.Destination.Conversation.WorkspaceId;
        var (method, wait) = item.Message.Destination.Mode switch
        {
            DeliveryMode.Conversation when item.PreviouslyPosted is not null => WaitFor(team, "chat.update"),
            DeliveryMode.Ephemeral => WaitFor(team, "chat.postEphemeral"),
            DeliveryMode.Private when directMessages.Find(team, item.Message.Destination.User?.Id ?? "") is null =>
                Longer(WaitFor(team, "conversations.open"), WaitFor(team, "chat.postMessage")),
            _ => WaitFor(team, "chat.postMessage"),
        };
        return wait is { } w ? Outcome(SlackApiResult.Limited(method, w)) : null;
    }

    private (string Method, TimeSpan? Wait) WaitFor(string team, string method) => (method, api.WaitBefore(team, method));

    private static (string Method, TimeSpan? Wait) Longer((string Method, TimeSpan? Wait) a, (string Method, TimeSpan? Wait) b) =>
        (b.Wait ?? TimeSpan.Zero) > (a.Wait ?? TimeSpan.Zero) ? b : a;

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
                    return await PostOnceAsync(item, 0, destination.Conversation.ConversationId, destination.Conversation.ThreadId, rendered, ct);
                }

                return Posted(updated, previous.ConversationId);
            case DeliveryMode.Conversation when message.SlotKey is not null:
                return await PostOnceAsync(item, 0, destination.Conversation.ConversationId, destination.Conversation.ThreadId, MessageRenderer.Render(message.Message), ct);
            case DeliveryMode.Conversation:
                return await PostPagesAsync(item, destination.Conversation.ConversationId, destination.Conversation.ThreadId, ct);
            case DeliveryMode.Private:
                var user = destination.User ?? throw new InvalidOperationException($"Outbox message {message.Id} is private but has no user.");
                return await PostPrivatelyAsync(item, team, user.Id, ct);
            case DeliveryMode.Ephemeral:
                var to = destination.User ?? throw new InvalidOperationException($"Outbox message {message.Id} is ephemeral but has no user.");
                foreach (var page in MessageRenderer.RenderPages(message.Message, threaded: false))
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
    /// Posts in the person's direct-message conversation: the one remembered, or else the one conversations.open finds.
    /// A remembered conversation Slack no longer knows (the person's account or the app was removed and came back) is
    /// forgotten and opened again, within the same send.
    /// </summary>
    private async Task<SendResult> PostPrivatelyAsync(OutboxItem item, string team, string user, CancellationToken ct)
    {
        if (directMessages.Find(team, user) is { } known)
        {
            var sent = await PostPagesAsync(item, known, null, ct);
            if (sent is not { Status: SendStatus.Failed, Error: { } error } || !ConversationGone.Contains(error))
            {
                return sent;
            }

            LogConversationGone(item.Message.Id, known, error);
            directMessages.Forget(team, user, known);
        }

        var opened = await api.OpenConversationAsync(team, user, ct);
        if (!opened.Ok)
        {
            return Outcome(opened);
        }

        var dm = opened.GetString("channel", "id") ?? throw new InvalidOperationException("conversations.open returned no channel id.");
        directMessages.Remember(team, user, dm);
        return await PostPagesAsync(item, dm, null, ct);
    }

    /// <summary>
    /// Posts a message that may take several Slack messages: the first where it belongs, the rest in its thread. Each
    /// part the platform accepts is recorded, so a retry after a failed part posts only what is missing.
    /// </summary>
    private async Task<SendResult> PostPagesAsync(OutboxItem item, string channel, string? threadTs, CancellationToken ct)
    {
        var message = item.Message;
        var pages = MessageRenderer.RenderPages(message.Message);
        PostedMessage? first = null;
        for (var i = 0; i < pages.Count; i++)
        {
            var posted = await parts.FindAsync(message, i, ct);
            if (posted is null)
            {
                var result = await PostOnceAsync(item, i, channel, i == 0 ? threadTs : threadTs ?? first!.MessageId, pages[i], ct);
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

    /// <summary>Posts one part, unless an earlier attempt already did: then that message is updated to the current content.</summary>
    private async Task<SendResult> PostOnceAsync(OutboxItem item, int part, string channel, string? thread, SlackMessage rendered, CancellationToken ct)
    {
        var message = item.Message;
        var team = message.WorkspaceId;
        if (item.Attempt > 1)
        {
            var recent = await api.RecentMessagesAsync(team, channel, thread, ct);
            if (recent.Status is SlackApiStatus.RateLimited or SlackApiStatus.Transient)
            {
                return Outcome(recent); // cannot tell yet whether it went out; ask again later rather than risk a second post
            }

            if (recent.Ok && FindTs(recent.Body, message.Id, part) is { } ts)
            {
                LogFoundEarlierPost(message.Id, channel, ts);
                var refreshed = await api.UpdateMessageAsync(team, channel, ts, rendered, ct);
                return refreshed.Status == SlackApiStatus.Error ? SendResult.Delivered(new PostedMessage(channel, ts)) : Posted(refreshed, channel);
            }

            if (!recent.Ok)
            {
                LogLookupFailed(message.Id, channel, recent.Error);
            }
        }

        return Posted(await api.PostMessageAsync(team, channel, rendered, thread, new SlackPostKey(message.Id, part), ct), channel);
    }

    /// <summary>The ts of the message whose metadata names this outbox message and part, if it is among those returned.</summary>
    internal static string? FindTs(JsonElement body, Guid outboxId, int part)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var m in messages.EnumerateArray())
        {
            if (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("metadata", out var meta) && SlackPostKey.Read(meta) == new SlackPostKey(outboxId, part) &&
                m.TryGetProperty("ts", out var ts) && ts.ValueKind == JsonValueKind.String)
            {
                return ts.GetString();
            }
        }

        return null;
    }

    private static SendResult Posted(SlackApiResult result, string channel) =>
        result.Ok
            ? SendResult.Delivered(new PostedMessage(result.GetString("channel") ?? channel, result.GetString("ts") ?? throw new InvalidOperationException($"{result.Method} returned no ts.")))
            : Outcome(result);

    private static SendResult Outcome(SlackApiResult result) => result.Status switch
    {
        SlackApiStatus.RateLimited => SendResult.Defer(
            $"{result.Method}: rate limited", result.RetryAfter ?? TimeSpan.FromSeconds(1), pausesWorkspace: true, pace: SlackRateLimitGate.Spacing(result.Method)),
        SlackApiStatus.Transient => SendResult.Retry(Failure(result.Method, result.Error)),
        _ => SendResult.Fail(Failure(result.Method, result.Error)),
    };

    /// <summary>How a refused or failed call reads in the outbox's record: the method, then Slack's error.</summary>
    private static string Failure(string method, string? error) => $"{method}: {error}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId}: the earlier message in {Channel} is gone ({Error}); posting a new one")]
    private partial void LogRepost(Guid messageId, string channel, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId}: the direct conversation {Channel} is gone ({Error}); opening it again")]
    private partial void LogConversationGone(Guid messageId, string channel, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} was already posted in {Channel} ({Ts}) by an earlier attempt; updated, not posted again")]
    private partial void LogFoundEarlierPost(Guid messageId, string channel, string ts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId}: could not look for an earlier post in {Channel} ({Error}); posting")]
    private partial void LogLookupFailed(Guid messageId, string channel, string? error);
}
