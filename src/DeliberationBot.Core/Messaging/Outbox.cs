namespace DeliberationBot.Core.Messaging;

/// <summary>
/// A message waiting to be sent. <see cref="IdempotencyKey"/> is unique per workspace, so the same cause can never
/// queue the same message twice. A message with a <see cref="SlotKey"/> replaces the platform message last sent for
/// that slot (update in place) instead of posting a new one.
/// </summary>
public sealed record OutboxMessage(
    Guid Id,
    string WorkspaceId,
    string IdempotencyKey,
    Destination Destination,
    OutgoingMessage Message,
    DateTimeOffset CreatedAt,
    string? SlotKey = null)
{
    /// <summary>
    /// Messages with the same key go to the same person about the same thing. One queued while another with its key waits,
    /// never yet having been in a sender's hands, goes into it (<see cref="WaitingMessages"/>); and when one is claimed for
    /// sending, the later ones with its key that no sender has had either are taken into it (<see cref="IGatheringMessage"/>),
    /// so they go as one.
    /// </summary>
    public string? GatherKey { get; init; }
}

/// <summary>
/// A message that takes in later messages with its <see cref="OutboxMessage.GatherKey"/> while it waits: while a platform
/// makes a workspace wait, a burst of notices to one person becomes a few messages, each carrying in full everything the
/// ones it took in carried.
/// </summary>
public interface IGatheringMessage
{
    /// <summary>Whether it can take in more; nothing is looked up for a message that cannot.</summary>
    bool HasRoom { get; }

    /// <summary>This message with <paramref name="later"/> taken in, or null when it cannot take it in (it is full, or they differ in kind).</summary>
    OutgoingMessage? Gather(OutgoingMessage later);
}

/// <summary>
/// Where a newly queued message can go into one already waiting that no sender has had, instead of queuing behind it:
/// a card update replaces the waiting update of its slot (the newest carries the latest state), and a notice is taken
/// into the waiting one with its gather key while that has room. While a platform makes a workspace wait, a burst then
/// adds no rows for the outbox to claim and put back, and the waiting message already holds all of it.
/// </summary>
public static class WaitingMessages
{
    /// <summary>Whether <paramref name="message"/> is of a kind that can go into a waiting message.</summary>
    public static bool CanJoin(OutboxMessage message) => message.SlotKey is not null || message.GatherKey is not null;

    /// <summary>
    /// The waiting message with <paramref name="later"/> in it, or null when it cannot take it in (a full notice, or one
    /// of another kind). The waiting message must have the same slot or gather key, and never have been in a sender's
    /// hands; it is read only when needed (a card update replaces it unread).
    /// </summary>
    public static OutgoingMessage? Join(Func<OutgoingMessage> waiting, OutboxMessage later) =>
        later.SlotKey is not null ? later.Message
        : waiting() is IGatheringMessage { HasRoom: true } gathering ? gathering.Gather(later.Message)
        : null;
}

/// <summary>The platform's own id for a message it accepted, so it can be updated later.</summary>
public sealed record PostedMessage(string ConversationId, string MessageId);

/// <param name="TraceParent">The W3C trace context of the commit that queued the message, if it was traced.</param>
public sealed record OutboxItem(OutboxMessage Message, int Attempt, PostedMessage? PreviouslyPosted, string? TraceParent = null);

public enum SendStatus
{
    Delivered,
    RetryLater,
    Failed,

    /// <summary>The platform asked us to wait (a rate limit): try again after RetryAfter, and it does not count as an attempt.</summary>
    Deferred,
}

/// <param name="PausesWorkspace">With <see cref="SendStatus.Deferred"/>: the wait applies to every message of the workspace, not only this one.</param>
/// <param name="Pace">
/// With <see cref="PausesWorkspace"/>: how far apart the platform lets the workspace's messages go once the wait is over
/// (Slack: about one message a second), if it says.
/// </param>
public sealed record SendResult(
    SendStatus Status, PostedMessage? Posted = null, TimeSpan? RetryAfter = null, string? Error = null, bool PausesWorkspace = false, TimeSpan? Pace = null)
{
    public static SendResult Delivered(PostedMessage? posted = null) => new(SendStatus.Delivered, posted);

    public static SendResult Retry(string error, TimeSpan? after = null) => new(SendStatus.RetryLater, null, after, error);

    public static SendResult Fail(string error) => new(SendStatus.Failed, null, null, error);

    public static SendResult Defer(string reason, TimeSpan after, bool pausesWorkspace, TimeSpan? pace = null) =>
        new(SendStatus.Deferred, null, after, reason, pausesWorkspace, pace);
}

/// <summary>Sends outbox messages to one platform. Implemented by each channel adapter.</summary>
public interface IChannelSender
{
    string Channel { get; }

    /// <summary>
    /// The deferral that sending <paramref name="item"/> now would certainly get (the platform's pace for its workspace
    /// is used up, or the platform asked it to wait), or null. Asked before refreshers rebuild the message, which can
    /// mean reading a whole deliberation, so that a message that cannot go yet costs nothing; sending checks again.
    /// </summary>
    SendResult? DeferralBeforeSending(OutboxItem item) => null;

    Task<SendResult> SendAsync(OutboxItem item, CancellationToken ct);
}

public interface IOutboxStore
{
    /// <summary>
    /// Leases up to <paramref name="max"/> due messages to this instance. Older unsent messages for the same slot are
    /// superseded by the newest, which is all a reader needs to see.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string instanceId, int max, TimeSpan lease, CancellationToken ct);

    Task MarkDeliveredAsync(OutboxMessage message, PostedMessage? posted, CancellationToken ct);

    Task MarkRetryAsync(Guid id, DateTimeOffset notBefore, string error, CancellationToken ct);

    Task MarkFailedAsync(Guid id, string error, CancellationToken ct);

    /// <summary>Puts a claimed message back until <paramref name="notBefore"/> without counting the claim as an attempt.</summary>
    Task MarkDeferredAsync(Guid id, DateTimeOffset notBefore, CancellationToken ct);

    /// <summary>
    /// Puts back a message this instance claimed but gave no sender, as if it had never been claimed: no attempt spent,
    /// and later messages may be gathered into it again. Does nothing once another instance holds it.
    /// </summary>
    Task PutBackUntriedAsync(Guid id, string instanceId, DateTimeOffset notBefore, CancellationToken ct);

    /// <summary>
    /// Puts every message of a workspace on a channel that is due before <paramref name="notBefore"/>, and that no sender
    /// holds, back without counting an attempt: the platform asked the workspace to wait, so none of them could go sooner,
    /// and a claim before then need not take them only to put them back. When no newer message of the workspace waits
    /// until <paramref name="notBefore"/> or later already, they are spread in queue order, the first at
    /// <paramref name="notBefore"/> and each next <paramref name="pace"/> later, the earliest each could go; otherwise
    /// they all wait until <paramref name="notBefore"/>, still ahead of what waits longer. Either way their order holds,
    /// and a later wait moves only the few that came due since, not the whole backlog. <paramref name="untried"/> are
    /// messages of the workspace this instance claimed and gave no sender: they go back with the rest, as if never
    /// claimed (no attempt spent), in their place in the queue. Returns how many. A store may leave the others to be put
    /// back one by one as they are claimed (PostgreSQL does: the statement cost it more than it spared), and then puts
    /// the untried back until <paramref name="notBefore"/>.
    /// </summary>
    Task<int> PutBackWorkspaceAsync(
        string channel, string workspaceId, DateTimeOffset notBefore, TimeSpan pace, string instanceId, IReadOnlyList<Guid> untried, CancellationToken ct);

    /// <summary>
    /// Makes failed messages pending again with a fresh count of attempts (all, one workspace's, or those of one
    /// workspace into one conversation, replies in its threads and messages shown there to one person included); returns how many.
    /// </summary>
    Task<int> RetryFailedAsync(string? workspaceId, string? conversationId, CancellationToken ct);

    Task<int> CountPendingAsync(CancellationToken ct);

    /// <summary>The slot a platform message was posted for (e.g. a deliberation's card), so replies in its thread can be routed.</summary>
    Task<string?> FindSlotAsync(string workspaceId, string conversationId, string messageId, CancellationToken ct);

    /// <summary>The platform message last recorded under a key (a slot, or one part of a long message).</summary>
    Task<PostedMessage?> FindPostedAsync(string workspaceId, string key, CancellationToken ct);

    Task RecordPostedAsync(string workspaceId, string key, PostedMessage posted, CancellationToken ct);
}

/// <summary>
/// A message queued in a compact form that a refresher always expands before it is sent (a digest queued as a reference
/// to its run's snapshot): no renderer is ever given one.
/// </summary>
public interface IExpandedBeforeSending
{
}

/// <summary>Lets a message be brought up to date just before sending (e.g. a progress card).</summary>
public interface IOutgoingMessageRefresher
{
    Task<OutgoingMessage> RefreshAsync(OutboxMessage message, CancellationToken ct);
}
