using System.Linq.Expressions;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Storage.Deliberations;
using DeliberationBot.Storage.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace DeliberationBot.Storage.Outbox;

/// <summary>
/// The durable outbox. Messages are claimed with a lease by a conditional update, which is atomic on every provider,
/// so several instances can drain one outbox and a message is in one sender's hands at a time; an instance that dies
/// mid-send loses its lease and another takes the message over.
/// </summary>
internal sealed partial class EfOutboxStore(DbFactory db, GroupedWrites grouped, TimeProvider time) : IOutboxStore
{
    /// <summary>
    /// What a sent (or superseded) message keeps of its content and recipient: nothing. A delivered row only proves the
    /// message went out; its payload could otherwise link a person's id to what they answered anonymously.
    /// </summary>
    private const string Erased = "{}";

    /// <summary>
    /// How many later messages a claim reads to gather into one, at most; the message decides how many it takes (an
    /// owner's notice ten concerns), and a claim of a full one should cost little.
    /// </summary>
    private const int GatherReach = 10;

    // One transaction for the whole batch: on PostgreSQL FOR UPDATE SKIP LOCKED holds until the leases are written,
    // and on SQLite the leases cost one commit (one fsync) instead of one per message.
    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string instanceId, int max, TimeSpan lease, CancellationToken ct) =>
        db.WriteAsync(ctx => ClaimDueAsync(ctx, instanceId, max, lease, ct), ct);

    private async Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(DeliberationsDbContext ctx, string instanceId, int max, TimeSpan lease, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var candidates = db.Provider == StorageProvider.Postgres
            // PostgreSQL: rows another instance is claiming right now are skipped rather than waited for.
            ? await ctx.Outbox.FromSqlInterpolated($@"SELECT * FROM outbox WHERE ""Status"" = {OutboxStatus.Pending} AND ""NextAttemptAt"" <= {now}
                AND (""LockedUntil"" IS NULL OR ""LockedUntil"" < {now}) ORDER BY ""CreatedAt"" LIMIT {max * 2} FOR UPDATE SKIP LOCKED").AsNoTracking().ToListAsync(ct)
            : await CompiledQueries.ListAsync(db.Queries.Due(ctx, now, max * 2), ct);

        var claimable = new List<OutboxRow>();
        var settled = new HashSet<Guid>(); // taken into another, or superseded, in this claim
        var read = new Dictionary<Guid, OutgoingMessage>(); // messages read to gather into, so as not to read them twice
        foreach (var c in candidates)
        {
            if (claimable.Count >= max)
            {
                break;
            }

            if (settled.Contains(c.Id) || (c.SlotKey is not null && await SkipForSlotAsync(ctx, c, now, settled, ct)))
            {
                continue;
            }

            if (c.GatherKey is not null && c.LockedBy is null)
            {
                var (message, taken) = await GatherLaterAsync(ctx, c, ct);
                read[c.Id] = message;
                settled.UnionWith(taken);
            }

            claimable.Add(c);
        }

        if (claimable.Count == 0)
        {
            return [];
        }

        // One statement leases the whole batch. Inside this transaction no other instance can take a candidate (SQLite's
        // write transaction is exclusive; PostgreSQL's rows are locked FOR UPDATE), so every one is won; the condition
        // stays as a guard, and a batch that somehow was not all won is given up rather than half sent.
        var until = now + lease;
        var ids = claimable.Select(c => c.Id).ToList();
        var won = await ctx.Outbox
            .Where(x => ids.Contains(x.Id) && x.Status == OutboxStatus.Pending && (x.LockedUntil == null || x.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LockedBy, instanceId).SetProperty(x => x.LockedUntil, until).SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);
        if (won != claimable.Count)
        {
            throw new InvalidOperationException($"Leased {won} of {claimable.Count} outbox messages that were free when read; the batch is given up and claimed again.");
        }

        var claimed = new List<OutboxItem>(claimable.Count);
        foreach (var c in claimable)
        {
            var posted = c.SlotKey is null ? null : await FindPostedAsync(ctx, c.WorkspaceId, c.SlotKey, ct);
            var record = read.TryGetValue(c.Id, out var message) ? c.ToRecord(message) : c.ToRecord();
            claimed.Add(new OutboxItem(record, c.Attempts + 1, posted, c.TraceParent));
        }

        return claimed;
    }

    /// <summary>
    /// Only the newest message of a slot matters (it carries the latest state): older ones are superseded, all of them at
    /// once (a burst of answers queues a card update per answer; superseded one candidate at a time, each would read
    /// every update still waiting). Their ids join <paramref name="done"/>, so the claim passes over them. And a slot
    /// whose message another instance is sending right now waits, so a card is never posted twice.
    /// </summary>
    private async Task<bool> SkipForSlotAsync(DeliberationsDbContext ctx, OutboxRow c, DateTimeOffset now, HashSet<Guid> done, CancellationToken ct)
    {
        var others = await CompiledQueries.ListAsync(db.Queries.OthersInSlot(ctx, c.WorkspaceId, c.SlotKey!, c.Id), ct);

        // Superseded only by a newer message that will still be sent (not one in flight, whose content may predate this
        // one). Newest is by (CreatedAt, Id), so every instance picks the same one even for messages of the same instant.
        var waiting = others.Where(o => o.LockedUntil == null || o.LockedUntil < now).Select(o => (o.Id, o.CreatedAt)).Append((c.Id, c.CreatedAt)).ToList();
        var newest = waiting.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).Last();
        if (newest.Id != c.Id)
        {
            var older = waiting.Where(o => o.Id != newest.Id).Select(o => o.Id).ToList();
            await ctx.Outbox
                .Where(x => older.Contains(x.Id) && x.Status == OutboxStatus.Pending && (x.LockedUntil == null || x.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, OutboxStatus.Superseded).SetProperty(x => x.MessageJson, Erased).SetProperty(x => x.DestinationJson, Erased), ct);
            done.UnionWith(older);
            return true;
        }

        return others.Any(o => o.LockedUntil != null && o.LockedUntil >= now);
    }

    /// <summary>
    /// Takes later messages with the candidate's gather key into it, as far as it can take them, when none of them has
    /// been in a sender's hands (so nothing of them can have been posted): a burst of notices to one person goes as one
    /// message. Written in the claim's transaction, before anything is sent, so that a send retried after a crash sends
    /// the same content, and finds the parts already posted under the same message. Only messages queued after it: one
    /// of the same instant may already be in this batch, ahead of it. Returns the message as it now is, and the ids taken in.
    /// </summary>
    private async Task<(OutgoingMessage Message, IReadOnlyList<Guid> Taken)> GatherLaterAsync(DeliberationsDbContext ctx, OutboxRow c, CancellationToken ct)
    {
        var message = Json.Read<OutgoingMessage>(c.MessageJson);
        if (message is not IGatheringMessage { HasRoom: true })
        {
            return (message, []);
        }

        var rows = db.Provider == StorageProvider.Postgres
            // PostgreSQL: a later message another instance is claiming right now is left to it.
            ? await ctx.Outbox.FromSqlInterpolated($@"SELECT * FROM outbox WHERE ""WorkspaceId"" = {c.WorkspaceId} AND ""GatherKey"" = {c.GatherKey}
                AND ""Status"" = {OutboxStatus.Pending} AND ""LockedBy"" IS NULL AND ""CreatedAt"" > {c.CreatedAt}
                ORDER BY ""CreatedAt"" LIMIT {GatherReach} FOR UPDATE SKIP LOCKED").AsNoTracking().ToListAsync(ct)
            : await CompiledQueries.ListAsync(db.Queries.LaterToGather(ctx, c.WorkspaceId, c.GatherKey!, c.CreatedAt, GatherReach), ct);
        var taken = new List<Guid>();
        foreach (var row in rows)
        {
            if (message is not IGatheringMessage gathering || gathering.Gather(Json.Read<OutgoingMessage>(row.MessageJson)) is not { } more)
            {
                break;
            }

            message = more;
            taken.Add(row.Id);
        }

        if (taken.Count > 0)
        {
            c.MessageJson = Json.Write(message);
            await OutboxStatements.RewriteAsync(ctx, c.Id, c.MessageJson, ct);
            await ctx.Outbox.Where(x => taken.Contains(x.Id)).ExecuteUpdateAsync(
                s => s.SetProperty(x => x.Status, OutboxStatus.Gathered).SetProperty(x => x.MessageJson, Erased).SetProperty(x => x.DestinationJson, Erased), ct);
        }

        return (message, taken);
    }

    // Outcomes of sends that finish side by side share commits (GroupedWrites). An outcome is recorded even while the
    // service stops (the token is not used): a message the platform accepted must never be left looking unsent.
    public Task MarkDeliveredAsync(OutboxMessage message, PostedMessage? posted, CancellationToken ct) =>
        grouped.WriteAsync(ctx => MarkDeliveredAsync(ctx, message, posted, time.GetUtcNow()));

    private async Task MarkDeliveredAsync(DeliberationsDbContext ctx, OutboxMessage message, PostedMessage? posted, DateTimeOffset now)
    {
        await OutboxStatements.MarkDeliveredAsync(ctx, message.Id, now, posted?.MessageId, Erased);
        if (message.SlotKey is not null && posted is not null)
        {
            await UpsertPostedAsync(ctx, message.WorkspaceId, message.SlotKey, posted, now, CancellationToken.None);
        }
    }

    public Task MarkRetryAsync(Guid id, DateTimeOffset notBefore, string error, CancellationToken ct) =>
        ReleaseAsync(id, s => s.SetProperty(x => x.NextAttemptAt, notBefore).SetProperty(x => x.LastError, Truncate(error)));

    public Task MarkFailedAsync(Guid id, string error, CancellationToken ct) =>
        ReleaseAsync(id, s => s.SetProperty(x => x.Status, OutboxStatus.Failed).SetProperty(x => x.LastError, Truncate(error)));

    public Task MarkDeferredAsync(Guid id, DateTimeOffset notBefore, CancellationToken ct) => ReleaseAsync(id, s => Deferred(s, notBefore));

    // Only while this instance still holds it: once its lease has run out another instance may be sending it, and a
    // message in a sender's hands must not be gathered into.
    public Task PutBackUntriedAsync(Guid id, string instanceId, DateTimeOffset notBefore, CancellationToken ct) =>
        ReleaseAsync(x => x.Id == id, s => Untried(s, notBefore), heldBy: instanceId);

    // One statement that finds the workspace's waiting rows by index, not their messages, and writes only those due
    // before the wait ends (IOutboxStore). Moved all to the same time, every wait rewrote the whole backlog and left it
    // all due at once: with an owner's notices waiting for Slack's pace, the put-back and the next claim's read held the
    // one writer about 55 ms a second, and every turn then waited behind them (results/load.md, fifteenth round). Only
    // on SQLite: on PostgreSQL, where each message keeps its own row (EfDeliberationStore), the statement at every wait
    // cost the database more than the claims it spared (thirteenth round), so there they are put back as claimed.
    public async Task<int> PutBackWorkspaceAsync(
        string channel, string workspaceId, DateTimeOffset notBefore, TimeSpan pace, string instanceId, IReadOnlyList<Guid> untried, CancellationToken ct)
    {
        if (db.Provider != StorageProvider.Sqlite)
        {
            // In one statement, not one write each: in a `concern` run that was 4,753 one-row transactions for 586
            // claims (results/load.md, nineteenth round).
            if (untried.Count > 0)
            {
                await ReleaseAsync(x => untried.Contains(x.Id), s => Untried(s, notBefore), heldBy: instanceId);
            }

            return 0;
        }

        var now = time.GetUtcNow();
        return await db.WriteAsync(
            async ctx =>
            {
                // Given back as never claimed and due as they were, so that the statement puts them in their place.
                await ctx.Outbox.Where(x => untried.Contains(x.Id) && x.LockedBy == instanceId).ExecuteUpdateAsync(
                    s => AttemptUnspent(s).SetProperty(x => x.LockedBy, (string?)null).SetProperty(x => x.LockedUntil, (DateTimeOffset?)null),
                    ct);
                return await OutboxStatements.PutBackWorkspaceAsync(ctx, channel, workspaceId, notBefore, pace, now, ct);
            },
            ct);
    }

    /// <summary>Back as if never claimed: no sender's, due once the wait is over, the claim not counted as an attempt.</summary>
    private static UpdateSettersBuilder<OutboxRow> Untried(UpdateSettersBuilder<OutboxRow> s, DateTimeOffset notBefore) =>
        Deferred(s, notBefore).SetProperty(x => x.LockedBy, (string?)null);

    /// <summary>Due again once the wait is over, and the claim not counted as an attempt.</summary>
    private static UpdateSettersBuilder<OutboxRow> Deferred(UpdateSettersBuilder<OutboxRow> s, DateTimeOffset notBefore) =>
        AttemptUnspent(s).SetProperty(x => x.NextAttemptAt, notBefore);

    /// <summary>The claim that took the message does not count as an attempt.</summary>
    private static UpdateSettersBuilder<OutboxRow> AttemptUnspent(UpdateSettersBuilder<OutboxRow> s) =>
        s.SetProperty(x => x.Attempts, x => x.Attempts > 0 ? x.Attempts - 1 : 0);

    public async Task<int> RetryFailedAsync(string? workspaceId, string? conversationId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (conversationId is null)
        {
            return await db.WriteAsync(
                ctx => Resendable(ctx).Where(x => workspaceId == null || x.WorkspaceId == workspaceId).ExecuteUpdateAsync(s => Retried(s, now), ct),
                ct);
        }

        // Where a message goes is kept as JSON; a workspace's failed messages are few, so they are matched here.
        List<(Guid Id, string Destination)> failed;
        await using (var ctx = db.Create())
        {
            failed = [.. (await Resendable(ctx).Where(x => x.WorkspaceId == workspaceId)
                .Select(x => new { x.Id, x.DestinationJson }).ToListAsync(ct)).Select(x => (x.Id, x.DestinationJson))];
        }

        var ids = failed.Where(f => Json.Read<Destination>(f.Destination) is { Mode: not DeliveryMode.Private } d && d.Conversation.ConversationId == conversationId)
            .Select(f => f.Id).ToList();
        return ids.Count == 0 ? 0 : await db.WriteAsync(
            ctx => ctx.Outbox.Where(x => ids.Contains(x.Id) && x.Status == OutboxStatus.Failed).ExecuteUpdateAsync(s => Retried(s, now), ct),
            ct);
    }

    /// <summary>
    /// Failed messages that may be sent again: not a slot's (a card's) whose newer message has since been delivered, since
    /// it carries older state and would overwrite the newer. A newer one waiting, or failed and sent again with it,
    /// supersedes it when claimed.
    /// </summary>
    private static IQueryable<OutboxRow> Resendable(DeliberationsDbContext ctx) =>
        ctx.Outbox.Where(x => x.Status == OutboxStatus.Failed && (x.SlotKey == null || !ctx.Outbox.Any(
            n => n.WorkspaceId == x.WorkspaceId && n.SlotKey == x.SlotKey && n.Status == OutboxStatus.Delivered && n.CreatedAt > x.CreatedAt)));

    /// <summary>Pending again, due now, with a fresh count of attempts.</summary>
    private static void Retried(UpdateSettersBuilder<OutboxRow> s, DateTimeOffset now) =>
        s.SetProperty(x => x.Status, OutboxStatus.Pending)
            .SetProperty(x => x.Attempts, 0)
            .SetProperty(x => x.NextAttemptAt, now)
            .SetProperty(x => x.LockedUntil, (DateTimeOffset?)null);

    public async Task<int> CountPendingAsync(CancellationToken ct)
    {
        await using var ctx = db.Create();
        return await ctx.Outbox.CountAsync(x => x.Status == OutboxStatus.Pending, ct);
    }

    private Task ReleaseAsync(Guid id, Action<UpdateSettersBuilder<OutboxRow>> change) => ReleaseAsync(x => x.Id == id, change);

    /// <summary>Gives up the lease on claimed messages (only while <paramref name="heldBy"/> holds them, if given), with what this attempt changed.</summary>
    private Task ReleaseAsync(Expression<Func<OutboxRow, bool>> which, Action<UpdateSettersBuilder<OutboxRow>> change, string? heldBy = null) =>
        grouped.WriteAsync(ctx => ctx.Outbox.Where(which).Where(x => heldBy == null || x.LockedBy == heldBy).ExecuteUpdateAsync(
            s =>
            {
                change(s);
                s.SetProperty(x => x.LockedUntil, (DateTimeOffset?)null);
            }));

    private static string Truncate(string error) => error.Length <= 1000 ? error : error[..1000];
}
