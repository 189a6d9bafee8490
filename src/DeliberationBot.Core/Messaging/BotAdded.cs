using Microsoft.Extensions.Logging;

namespace DeliberationBot.Core.Messaging;

/// <summary>
/// The bot was added to a conversation, often again after someone removed it: what finally failed for want of it is
/// sent again now, in the order it was queued, as the facilitator's notice of the failure promised
/// (<see cref="DeliveryFailureNotices"/>). A redelivered event finds nothing failed the second time.
/// </summary>
public sealed partial class BotAdded(IOutboxStore outbox, OutboxSignal signal, ILogger<BotAdded> logger)
{
    /// <summary>Where the platform says exactly which conversation the bot joined (a Slack channel): what failed to reach it.</summary>
    public Task<int> ResendToAsync(ConversationRef conversation, CancellationToken ct) =>
        ResendAsync(conversation.Channel, conversation.WorkspaceId, conversation.ConversationId, ct);

    /// <summary>
    /// Where adding the bot anywhere may mend any of a workspace's failures (in Teams, added to a team it reaches all the
    /// team's channels and members): every failed message of the workspace. What still cannot be delivered fails again
    /// without a second notice.
    /// </summary>
    public Task<int> ResendInWorkspaceAsync(string channel, string workspaceId, CancellationToken ct) =>
        ResendAsync(channel, workspaceId, null, ct);

    private async Task<int> ResendAsync(string channel, string workspaceId, string? conversationId, CancellationToken ct)
    {
        var resent = await outbox.RetryFailedAsync(workspaceId, conversationId, ct);
        if (resent > 0)
        {
            LogResent(resent, channel, workspaceId);
            signal.Notify();
        }

        return resent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The bot was added to a {Channel} conversation of workspace {WorkspaceId}: {Count} failed messages are sent again")]
    private partial void LogResent(int count, string channel, string workspaceId);
}
