using DeliberationBot.Storage.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DeliberationBot.Storage.Outbox;

/// <summary>
/// Outbox updates made for every message, written as SQL: EF Core cannot compile an <c>ExecuteUpdate</c>, so as LINQ
/// each call would be translated again (in a profile of answers under load, a tenth of the commit). The text is the
/// same on SQLite and PostgreSQL, and fixed, so a connection keeps it prepared.
/// </summary>
internal static class OutboxStatements
{
    /// <summary>
    /// A waiting message rewritten with what has gone into it. Every caller read the row in this same write transaction,
    /// so a miss would mean the statement does not find rows, and what went into it would be lost: it throws instead.
    /// Run on the connection rather than through EF Core's raw SQL, which rebuilt its command and parameters on every
    /// call: a burst of concerns to one owner rewrites the waiting notice once per concern, inside SQLite's one writer.
    /// </summary>
    public static async Task RewriteAsync(DeliberationsDbContext ctx, Guid id, string messageJson, CancellationToken ct)
    {
        var outbox = ctx.Model.FindEntityType(typeof(OutboxRow))!;
        await using var command = ctx.Database.GetDbConnection().CreateCommand();
        command.Transaction = ctx.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = @"UPDATE outbox SET ""MessageJson"" = @json WHERE ""Id"" = @id";
        command.Parameters.Add(StoredValue.Parameter(outbox, nameof(OutboxRow.MessageJson), command, "json", messageJson));
        command.Parameters.Add(StoredValue.Parameter(outbox, nameof(OutboxRow.Id), command, "id", id));
        if (await command.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new InvalidOperationException($"The waiting outbox message {id} was not rewritten.");
        }
    }

    /// <summary>A sent message's row: delivered, its lease given up, and its content and recipient erased.</summary>
    public static Task<int> MarkDeliveredAsync(DeliberationsDbContext ctx, Guid id, DateTimeOffset at, string? platformMessageId, string erased) =>
        ctx.Database.ExecuteSqlAsync(
            $@"UPDATE outbox SET ""Status"" = {OutboxStatus.Delivered}, ""DeliveredAt"" = {Instant(ctx, at)}, ""MessageJson"" = {erased},
                ""DestinationJson"" = {erased}, ""PlatformMessageId"" = {platformMessageId}, ""LockedUntil"" = NULL WHERE ""Id"" = {id}",
            CancellationToken.None);

    /// <summary>
    /// SQLite only (instants are UTC ticks there): what <see cref="IOutboxStore.PutBackWorkspaceAsync"/> does, in one
    /// statement. The rows it moves are found by the (status, next attempt) index. They are spread unless a newer message
    /// of the workspace already waits past the wait's end, which they must not be put behind; older ones that wait that
    /// long (the message that was asked to wait, the rest of its batch) are ahead of them either way.
    /// </summary>
    public static Task<int> PutBackWorkspaceAsync(
        DeliberationsDbContext ctx, string channel, string workspaceId, DateTimeOffset notBefore, TimeSpan pace, DateTimeOffset now, CancellationToken ct) =>
        ctx.Database.ExecuteSqlAsync(
            $@"WITH waiting AS (
                    SELECT ""Id"", ""CreatedAt"", ROW_NUMBER() OVER (ORDER BY ""CreatedAt"", ""Id"") - 1 AS place FROM outbox
                    WHERE ""Status"" = {OutboxStatus.Pending} AND ""NextAttemptAt"" < {notBefore.UtcTicks} AND ""WorkspaceId"" = {workspaceId}
                        AND ""Channel"" = {channel} AND (""LockedUntil"" IS NULL OR ""LockedUntil"" < {now.UtcTicks})),
                newer_waits_longer AS (
                    SELECT EXISTS (SELECT 1 FROM outbox AS later
                        WHERE later.""Status"" = {OutboxStatus.Pending} AND later.""NextAttemptAt"" >= {notBefore.UtcTicks} AND later.""WorkspaceId"" = {workspaceId}
                            AND later.""Channel"" = {channel} AND (later.""LockedUntil"" IS NULL OR later.""LockedUntil"" < {now.UtcTicks})
                            AND later.""CreatedAt"" > (SELECT MIN(""CreatedAt"") FROM waiting)) AS found)
                UPDATE outbox SET ""NextAttemptAt"" = {notBefore.UtcTicks} + {pace.Ticks} * (CASE WHEN (SELECT found FROM newer_waits_longer) THEN 0 ELSE waiting.place END)
                FROM waiting WHERE outbox.""Id"" = waiting.""Id""",
            ct);

    /// <summary>An instant as the store keeps it (SQLite: UTC ticks, by the model's converter; PostgreSQL: as it is).</summary>
    private static object Instant(DeliberationsDbContext ctx, DateTimeOffset at) =>
        ctx.Model.FindEntityType(typeof(OutboxRow))!.FindProperty(nameof(OutboxRow.DeliveredAt))!.GetTypeMapping().Converter?.ConvertToProvider(at) ?? at;
}
