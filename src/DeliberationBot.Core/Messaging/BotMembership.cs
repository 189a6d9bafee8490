using DeliberationBot.Core.Deliberations;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Core.Messaging;

/// <summary>
/// The bot added to a conversation or removed from one, as the platform reports it. Removed from a conversation where
/// a deliberation is open, its facilitator is told at once, privately, rather than finding out when a message fails.
/// Added, often again after someone removed it, what finally failed for want of it is sent again now, in the order it
/// was queued, as that notice and the notice of each failure promised (<see cref="DeliveryFailureNotices"/>). A
/// redelivered event changes nothing the second time.
/// </summary>
public sealed partial class BotMembership(IDeliberationStore store, IOutboxStore outbox, OutboxSignal signal, TimeProvider time, ILogger<BotMembership> logger)
{
    /// <summary>Where the platform says exactly which conversation the bot joined (a Slack channel): what failed to reach it.</summary>
    public Task<int> AddedToAsync(ConversationRef conversation, CancellationToken ct) =>
        ResendAsync(conversation.Channel, conversation.WorkspaceId, conversation.ConversationId, ct);

    /// <summary>
    /// Where adding the bot anywhere may mend any of a workspace's failures (in Teams, added to a team it reaches all the
    /// team's channels and members): every failed message of the workspace. What still cannot be delivered fails again
    /// without a second notice.
    /// </summary>
    public Task<int> AddedInWorkspaceAsync(string channel, string workspaceId, CancellationToken ct) =>
        ResendAsync(channel, workspaceId, null, ct);

    /// <summary>Tells the facilitator of each deliberation open in <paramref name="conversation"/> that the bot was removed from it.</summary>
    /// <param name="stillPosts">The platform lets the bot post there all the same (a public Slack channel): only what is written there is lost to it.</param>
    public async Task RemovedFromAsync(ConversationRef conversation, bool stillPosts, string deliveryKey, CancellationToken ct)
    {
        var open = (await store.ListOpenAsync(conversation.WorkspaceId, conversation.Channel, ct))
            .Where(d => d.Home.ConversationId == conversation.ConversationId)
            .ToList();
        if (open.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var notices = open.Select(d => new OutboxMessage(
            Guid.CreateVersion7(now), d.WorkspaceId, $"{deliveryKey}/removed/{d.Id:N}", Destination.PrivatelyTo(d.Home, d.Facilitator),
            new Confirmation(RemovedNotice(d.Title, stillPosts)), now)).ToList();
        await store.CommitAsync(new Commit(conversation.WorkspaceId, deliveryKey) { Outbox = notices }, ct);
        LogRemoved(conversation.Channel, conversation.WorkspaceId, open.Count);
        signal.Notify();
    }

    public static string RemovedNotice(string title, bool stillPosts) => stillPosts
        ? $"I was removed from the conversation where \"{title}\" is open: I can still post there, but replies written there no longer " +
          "reach me. Add me back to it so that they do."
        : $"I was removed from the conversation where \"{title}\" is open, so I can no longer post there, and replies written there " +
          "don't reach me. Add me back to it: what could not be posted meanwhile is posted as soon as I am back.";

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bot was removed from a {Channel} conversation of workspace {WorkspaceId} where {Count} deliberations are open; their facilitators are told")]
    private partial void LogRemoved(string channel, string workspaceId, int count);
}
