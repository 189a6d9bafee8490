using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using System.Diagnostics;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Telemetry;
using DeliberationBot.Storage.Outbox;
using DeliberationBot.Storage.Rows;
using Microsoft.EntityFrameworkCore;

namespace DeliberationBot.Storage.Deliberations;

/// <summary>The deliberation store: commits here, reads in EfDeliberationStore.Reads.cs.</summary>
internal sealed partial class EfDeliberationStore(DbFactory db, GroupedWrites grouped, TimeProvider time) : IDeliberationStore
{
    private const int MaxAttempts = 4;

    public async Task<CommitOutcome> CommitAsync(Commit commit, CancellationToken ct) =>
        (await CommitAsync((_, _) => Task.FromResult(commit), numbered: false, ct)).Outcome;

    public Task<(CommitOutcome Outcome, Commit Commit)> CommitNumberedAsync(string workspaceId, Guid deliberationId, Func<int, Commit> build, CancellationToken ct) =>
        CommitAsync(async (ctx, ct) => build(await NextConcernNumberAsync(ctx, workspaceId, deliberationId, ct)), numbered: true, ct);

    /// <summary>
    /// Writes the commit <paramref name="prepare"/> makes in the write's own transaction. A numbered commit that loses a
    /// number to a concern written another way (a flagged answer published) is made again with the next one; any other
    /// commit is stale then, and its turn is worked out again.
    /// </summary>
    private async Task<(CommitOutcome Outcome, Commit Commit)> CommitAsync(
        Func<DeliberationsDbContext, CancellationToken, Task<Commit>> prepare, bool numbered, CancellationToken ct)
    {
        using var span = BotTelemetry.Source.StartActivity("commit");
        // Rows are upserted, but a commit's inserts can still race with a concurrent turn's: the same delivery (a person
        // double-clicking), the same outbox key, a concern's number. A unique violation then means "this delivery was
        // already handled", "this turn is stale", or "try again against what the winner wrote".
        for (var attempt = 1; ; attempt++)
        {
            Commit? commit = null;
            try
            {
                var rows = await TryCommitAsync(
                    async (ctx, ct) =>
                    {
                        commit = await prepare(ctx, ct);
                        span?.SetTag("deliberationbot.outbox.count", commit.Outbox.Count);
                        return commit;
                    },
                    ct);
                var intoWaiting = commit!.Outbox.Count > 0 && rows == 0;
                span?.SetTag("deliberationbot.commit.outcome", intoWaiting ? "committed-into-waiting" : "committed");
                return (intoWaiting ? CommitOutcome.CommittedIntoWaiting : CommitOutcome.Committed, commit);
            }
            catch (DbUpdateException e) when (commit is not null)
            {
                if (await AlreadyCommittedAsync(commit, ct))
                {
                    span?.SetTag("deliberationbot.commit.outcome", "duplicate");
                    return (CommitOutcome.Duplicate, commit);
                }

                if (!numbered && await NumberTakenAsync(commit, ct) is { } number)
                {
                    // Writing the same commit again cannot help: the turn must be worked out from the record as it is now.
                    span?.SetTag("deliberationbot.commit.outcome", "stale");
                    throw new StaleTurnException($"Concern #{number} was recorded by another turn first.", e);
                }

                if (attempt >= MaxAttempts)
                {
                    throw new StaleTurnException("The record kept changing under this commit.", e);
                }

                // Lost an insert race; the next attempt sees the winner's rows (a numbered commit numbers after it).
            }
        }
    }

    // SQLite has one writer, which turns take one at a time anyway: turns that commit at the same time share one
    // transaction and one fsync there (group commit), each acknowledged only once its group is durable, one that fails
    // undone alone. PostgreSQL runs them side by side, each in its own transaction (it shares WAL flushes between
    // concurrent commits itself); one after another on one connection, a burst of answers waited seconds.
    // Each returns how many outbox rows the commit added.
    private async Task<int> TryCommitAsync(Func<DeliberationsDbContext, CancellationToken, Task<Commit>> prepare, CancellationToken ct)
    {
        if (db.Provider != StorageProvider.Sqlite)
        {
            return await db.WriteAsync(async ctx => await TryCommitAsync(ctx, await prepare(ctx, ct), ct), ct);
        }

        var rows = 0;
        await grouped.WriteAsync(async ctx => rows = await TryCommitAsync(ctx, await prepare(ctx, ct), ct));
        return rows;
    }

    private async Task<int> TryCommitAsync(DeliberationsDbContext ctx, Commit commit, CancellationToken ct)
    {
        var ws = commit.WorkspaceId;
        var write = new RowWrites(ctx, db.Rows);
        if (commit.DeliveryKey is not null)
        {
            write.Add(RowWrite.Insert, new ProcessedDeliveryRow { WorkspaceId = ws, Key = commit.DeliveryKey, At = time.GetUtcNow() });
        }

        if (commit.FlowSnapshot is { } flow)
        {
            write.Add(RowWrite.InsertIfAbsent, new FlowSnapshotRow { FlowId = flow.Id, Version = flow.Version, Source = flow.Source });
        }

        if (commit.Deliberation is { } d)
        {
            EnsureWorkspace(ws, d.WorkspaceId);
            write.Add(RowWrite.UpsertOverRead, d.ToRow());
        }

        foreach (var p in commit.Participants)
        {
            write.Add(RowWrite.Upsert, p.ToRow(ws));
        }

        if (commit.Answer is { } a)
        {
            write.Add(RowWrite.Upsert, a.ToRow(ws));
        }

        foreach (var c in commit.Concerns)
        {
            write.Add(RowWrite.UpsertOverRead, c.ToRow(ws));
        }

        foreach (var suggestion in commit.Suggestions)
        {
            write.Add(RowWrite.Upsert, suggestion.ToRow(ws));
        }

        if (commit.Profile is { } profile)
        {
            EnsureWorkspace(ws, profile.WorkspaceId);
            write.Add(RowWrite.Upsert, new MemberProfileRow { WorkspaceId = ws, UserId = profile.UserId, Group = profile.Group?.ToString(), TimeZone = profile.TimeZone });
        }

        if (commit.WaitingWords is { } words)
        {
            write.Add(RowWrite.Upsert, new WaitingWordsRow { WorkspaceId = ws, UserId = words.UserId, MessageKey = words.MessageKey, Text = words.Text, At = time.GetUtcNow() });
        }

        if (commit.Subscription is { } subscription)
        {
            EnsureWorkspace(ws, subscription.WorkspaceId);
            write.Add(RowWrite.Upsert, subscription.ToRow());
        }

        if (commit.Invitation is { } invitation)
        {
            EnsureWorkspace(ws, invitation.WorkspaceId);
            write.Add(RowWrite.Upsert, invitation.ToRow());
        }

        if (commit.Contact is { } contact)
        {
            write.Add(RowWrite.Insert, new CommunityContactRow
            {
                Id = contact.Id, WorkspaceId = ws, DeliberationId = contact.DeliberationId, Address = contact.Address, Language = contact.Language, At = contact.At,
            });
        }

        foreach (var e in commit.Events)
        {
            write.Add(RowWrite.Insert, new EventRow
            {
                WorkspaceId = ws, DeliberationId = e.DeliberationId, Type = e.Type, Actor = e.Actor, QuestionId = e.QuestionId, Data = e.Data, At = e.At,
            });
        }

        var rows = 0;
        var queued = new HashSet<string>(); // slot and gather keys of messages this commit adds as rows
        foreach (var m in commit.Outbox)
        {
            EnsureWorkspace(ws, m.WorkspaceId);
            // The commit's span travels with the message, so its sending continues the trace of the request that caused it.
            var row = m.ToRow(Activity.Current is { IdFormat: ActivityIdFormat.W3C } span ? span.Id : null);

            // Only on SQLite, whose one writer takes turns one at a time anyway: on PostgreSQL turns commit side by side,
            // and every turn of a burst updating the one waiting card made commits dearer there (results/load.md,
            // thirteenth round), so each message keeps a row of its own and a claim gathers or supersedes them. Only a
            // turn's commit: one without a delivery key is known to have been made by its outbox rows' keys
            // (AlreadyCommittedAsync). And not behind a row of its own commit, not yet written.
            if (db.Provider == StorageProvider.Sqlite && commit.DeliveryKey is not null && WaitingMessages.CanJoin(m) && queued.Add(JoinKey(m)))
            {
                var (joined, waitsUntil) = await JoinWaitingAsync(ctx, m, row.MessageJson, ct);
                if (joined)
                {
                    queued.Remove(JoinKey(m));
                    continue;
                }

                // A notice behind one to the same person that must wait (its workspace is paced) waits as long: it cannot
                // go first in their conversation, and a claim before then would only take it to put it back. (A card
                // update is not held: it supersedes an older one that is not being sent, whatever that one waits for.)
                if (m.GatherKey is not null && waitsUntil > row.NextAttemptAt)
                {
                    row.NextAttemptAt = waitsUntil.Value;
                }
            }

            write.Add(RowWrite.Insert, row);
            rows++;
        }

        await write.WriteAsync(ct);
        return rows;
    }

    private static string JoinKey(OutboxMessage m) => m.SlotKey is { } slot ? "slot:" + slot : "gather:" + m.GatherKey;

    /// <summary>
    /// Puts <paramref name="m"/> into the newest message waiting in its slot or with its gather key, if no sender has had
    /// that one (<see cref="WaitingMessages"/>); otherwise returns when that newest message is next due, if it waits.
    /// <paramref name="json"/> is <paramref name="m"/>'s message as its own row would have stored it.
    /// </summary>
    private async Task<(bool Joined, DateTimeOffset? WaitsUntil)> JoinWaitingAsync(DeliberationsDbContext ctx, OutboxMessage m, string json, CancellationToken ct)
    {
        var waiting = m.SlotKey is { } slot
            ? await db.Queries.NewestPendingInSlot(ctx, m.WorkspaceId, slot, ct)
            : await db.Queries.NewestPendingToGather(ctx, m.WorkspaceId, m.GatherKey!, ct);
        if (waiting is null)
        {
            return (false, null);
        }

        if (waiting.LockedBy is null && WaitingMessages.Join(() => Json.Read<OutgoingMessage>(waiting.MessageJson!), m) is { } joined)
        {
            // A card update replaces the waiting one as it is, so its JSON need not be written again.
            await OutboxStatements.RewriteAsync(ctx, waiting.Id, ReferenceEquals(joined, m.Message) ? json : Json.Write(joined), ct);
            return (true, null);
        }

        return (false, waiting.NextAttemptAt);
    }

    /// <summary>
    /// A commit was already made when its delivery key was seen, or, for work with no inbound delivery (a scheduled
    /// digest), when all its outbox keys exist.
    /// </summary>
    private async Task<bool> AlreadyCommittedAsync(Commit commit, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var ws = commit.WorkspaceId;
        if (commit.DeliveryKey is { } key)
        {
            return await ctx.ProcessedDeliveries.AnyAsync(x => x.WorkspaceId == ws && x.Key == key, ct);
        }

        var keys = commit.Outbox.Select(m => m.IdempotencyKey).ToList();
        return keys.Count > 0 && await ctx.Outbox.CountAsync(x => x.WorkspaceId == ws && keys.Contains(x.IdempotencyKey), ct) == keys.Count;
    }

    /// <summary>A commit may only touch its own workspace; anything else is a bug, not a user error.</summary>
    private static void EnsureWorkspace(string expected, string actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"A commit for workspace {expected} tried to write data of workspace {actual}.");
        }
    }
}
