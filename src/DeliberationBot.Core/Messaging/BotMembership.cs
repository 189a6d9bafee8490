using DeliberationBot.Core.Deliberations;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Core.Messaging;

/// <summary>
/// The bot added to a conversation or removed from one, as the platform reports it. Removed from a conversation where
/// a deliberation is open, its facilitator is told at once, privately, rather than finding out when a message fails.
/// Added, often again after someone removed it, what finally failed for want of it is sent again now, in the order it
/// was queued, as that notice and the notice of each failure promised (<see cref="DeliveryFailureNotices"/>). Where the
/// bot posts without hearing what is written (a public Slack channel it was removed from or could not join), the cards
/// of the deliberations open there stop inviting replies in their thread, which would be lost, until it is back
/// (<see cref="Deliberation.RepliesUnheard"/>). A redelivered event changes nothing the second time.
/// </summary>
public sealed partial class BotMembership(TurnSupport turn, IOutboxStore outbox, OutboxSignal signal, ILogger<BotMembership> logger)
{
    /// <summary>
    /// Where the platform says exactly which conversation the bot joined (a Slack channel): what failed to reach it, and
    /// the cards there invite replies again.
    /// </summary>
    public async Task<int> AddedToAsync(ConversationRef conversation, string deliveryKey, CancellationToken ct)
    {
        var resent = await ResendAsync(conversation.Channel, conversation.WorkspaceId, conversation.ConversationId, ct);
        await HearAsync(conversation, heard: true, deliveryKey, ct);
        return resent;
    }

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
        var open = await OpenInAsync(conversation, ct);
        foreach (var d in open)
        {
            await ChangeAsync(d, async d =>
            {
                var notice = turn.Outbox(d.WorkspaceId, $"{deliveryKey}/removed/{d.Id:N}", Destination.PrivatelyTo(d.Home, d.Facilitator), new Confirmation(RemovedNotice(d.Title, stillPosts)));
                var commit = stillPosts ? Hearing(d, heard: false, deliveryKey, await turn.FlowOfAsync(d, ct)) : new Commit(d.WorkspaceId, $"{deliveryKey}/{d.Id:N}");
                return commit with { Outbox = [notice, .. commit.Outbox] };
            }, ct);
        }

        if (open.Count > 0)
        {
            LogRemoved(conversation.Channel, conversation.WorkspaceId, open.Count);
        }
    }

    /// <summary>
    /// The bot posts in <paramref name="conversation"/> but could not join it, so it does not hear what is written there
    /// (a public Slack channel, joined when a deliberation starts there, where the install lacks the right): the cards
    /// of the deliberations open there offer only their Answer button.
    /// </summary>
    public Task NotJoinedAsync(ConversationRef conversation, string deliveryKey, CancellationToken ct) =>
        HearAsync(conversation, heard: false, deliveryKey, ct);

    public static string RemovedNotice(string title, bool stillPosts) => stillPosts
        ? $"I was removed from the conversation where \"{title}\" is open: I can still post there, but replies written there no longer " +
          "reach me, so its message now asks people to press Answer instead. Add me back to it so that replies count again."
        : $"I was removed from the conversation where \"{title}\" is open, so I can no longer post there, and replies written there " +
          "don't reach me. Add me back to it: what could not be posted meanwhile is posted as soon as I am back.";

    private async Task<List<Deliberation>> OpenInAsync(ConversationRef conversation, CancellationToken ct) =>
        [.. (await turn.Store.ListOpenAsync(conversation.WorkspaceId, conversation.Channel, ct)).Where(d => d.Home.ConversationId == conversation.ConversationId)];

    /// <summary>Marks the deliberations open in <paramref name="conversation"/> that the bot now hears, or not, where that changed.</summary>
    private async Task HearAsync(ConversationRef conversation, bool heard, string deliveryKey, CancellationToken ct)
    {
        foreach (var d in await OpenInAsync(conversation, ct))
        {
            await ChangeAsync(d, async d => d.RepliesUnheard == heard ? Hearing(d, heard, deliveryKey, await turn.FlowOfAsync(d, ct)) : null, ct);
        }
    }

    /// <summary>Commits what <paramref name="change"/> makes of <paramref name="d"/> while it is open (<see cref="TurnSupport.ChangeOpenAsync"/>).</summary>
    private Task ChangeAsync(Deliberation d, Func<Deliberation, Task<Commit?>> change, CancellationToken ct) =>
        turn.ChangeOpenAsync(d, async now =>
        {
            if (await change(now) is { } commit)
            {
                await turn.CommitAsync(commit, ct);
            }
        }, ct);

    /// <summary>The deliberation as the bot now hears its conversation or not, with its card redrawn to say how to answer.</summary>
    private Commit Hearing(Deliberation d, bool heard, string deliveryKey, Flows.FlowDefinition flow)
    {
        var key = $"{deliveryKey}/{d.Id:N}";
        var now = d with { RepliesUnheard = !heard };
        return new Commit(d.WorkspaceId, key) { Deliberation = now, Outbox = [turn.CardUpdate(now, flow, key)] };
    }

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
