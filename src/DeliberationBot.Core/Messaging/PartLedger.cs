namespace DeliberationBot.Core.Messaging;

/// <summary>
/// Remembers which parts of a long message a platform has already accepted. A message too long for one platform
/// message is sent as several parts; when a later part fails and the message is retried, the parts already accepted
/// are found here and not sent again.
/// </summary>
public interface IPartLedger
{
    Task<PostedMessage?> FindAsync(OutboxMessage message, int part, CancellationToken ct);

    Task RecordAsync(OutboxMessage message, int part, PostedMessage posted, CancellationToken ct);
}

/// <summary>Keeps each accepted part as a posted message under its own key, in the outbox store.</summary>
public sealed class OutboxPartLedger(IOutboxStore store) : IPartLedger
{
    public Task<PostedMessage?> FindAsync(OutboxMessage message, int part, CancellationToken ct) =>
        store.FindPostedAsync(message.WorkspaceId, Key(message, part), ct);

    // Recorded even while stopping: a part the platform accepted must never look unsent.
    public Task RecordAsync(OutboxMessage message, int part, PostedMessage posted, CancellationToken ct) =>
        store.RecordPostedAsync(message.WorkspaceId, Key(message, part), posted, CancellationToken.None);

    private static string Key(OutboxMessage message, int part) => $"part:{message.Id:N}:{part}";
}
