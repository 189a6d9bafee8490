using System.Diagnostics;

namespace DeliberationBot.Storage;

/// <summary>
/// Group commit for the writes many callers make at once (turns' commits, the outcomes of outbox sends): writes that
/// arrive while one group is being written go together, one after another in one transaction, so a burst costs one
/// commit (one fsync, one turn at SQLite's single writer) instead of one each. A group takes what is queued when it
/// gets the writer, then, before it commits, what queued while its writes ran (up to <see cref="MostToExtendTo"/>
/// writes): those would otherwise wait for its commit and then pay for one of their own. Each write has its own
/// savepoint: one that throws is undone alone and only its caller sees the error. Every caller returns once its own
/// write is durable, or with the error that kept it (or its group) from committing.
/// </summary>
internal sealed class GroupedWrites(DbFactory db)
{
    private const string Savepoint = "grouped_write";

    /// <summary>
    /// A group stops taking late writes once it holds this many: each one it takes holds its first writers' commit back
    /// by its own time (0.6–0.9 ms for a turn). Up to 32, `concern`'s p99 at 500 requests/s came out no better than
    /// without late writes; up to 8, better in every alternated round (results/load.md, eighteenth round). A burst
    /// already queued is still taken whole when a group starts.
    /// </summary>
    internal const int MostToExtendTo = 8;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _queueLock = new();
    private List<Queued> _queue = [];

    public async Task WriteAsync(Func<DeliberationsDbContext, Task> write)
    {
        var mine = new Queued(write, Activity.Current);
        lock (_queueLock)
        {
            _queue.Add(mine);
        }

        await _turn.WaitAsync();
        try
        {
            // An earlier group may have carried this write already; otherwise this caller writes everything queued.
            if (!mine.Done.Task.IsCompleted)
            {
                await WriteQueuedAsync(mine);
            }
        }
        finally
        {
            _turn.Release();
        }

        await mine.Done.Task;
    }

    private async Task WriteQueuedAsync(Queued mine)
    {
        List<Queued> group = [];
        try
        {
            await db.WriteAsync(
                async ctx =>
                {
                    // Taken once this write holds the database's writer, so that what queued meanwhile goes too.
                    lock (_queueLock)
                    {
                        (group, _queue) = (_queue, []);
                    }

                    // Each write below has a savepoint of its own; EF's automatic one around SaveChanges would be a second.
                    ctx.Database.AutoSavepointsEnabled = false;
                    var written = 0;
                    do
                    {
                        while (written < group.Count)
                        {
                            await WriteOneAsync(ctx, group[written++]);
                        }
                    }
                    while (TakeLateWrites(group));
                },
                CancellationToken.None);
        }
        catch (Exception e)
        {
            if (group.Count == 0)
            {
                // Failed before taking the queue: only this caller's write is answered; the others lead their own.
                lock (_queueLock)
                {
                    _queue.Remove(mine);
                }

                group = [mine];
            }

            foreach (var queued in group)
            {
                queued.Done.TrySetException(queued.Failure ?? e);
            }

            return;
        }

        foreach (var queued in group)
        {
            if (queued.Failure is { } failure)
            {
                queued.Done.TrySetException(failure);
            }
            else
            {
                queued.Done.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Adds to <paramref name="group"/>, oldest first, what queued since it was taken, up to <see cref="MostToExtendTo"/>;
    /// says whether it took any.
    /// </summary>
    private bool TakeLateWrites(List<Queued> group)
    {
        lock (_queueLock)
        {
            var late = Math.Min(_queue.Count, MostToExtendTo - group.Count);
            if (late <= 0)
            {
                return false;
            }

            group.AddRange(_queue.GetRange(0, late));
            _queue.RemoveRange(0, late);
            return true;
        }
    }

    private static async Task WriteOneAsync(DeliberationsDbContext ctx, Queued queued)
    {
        // The write runs in its caller's trace, not in the trace of whichever caller leads the group.
        Activity.Current = queued.Activity;
        var tx = ctx.Database.CurrentTransaction!;
        await tx.CreateSavepointAsync(Savepoint);
        try
        {
            await queued.Write(ctx);
        }
        catch (Exception e)
        {
            // A rollback that fails leaves the transaction in doubt: it throws, and the whole group fails.
            await tx.RollbackToSavepointAsync(Savepoint);
            queued.Failure = e;
        }
        finally
        {
            // What a write left tracked (a failed write's rows especially) must not be saved by the next one.
            ctx.ChangeTracker.Clear();
        }

        await tx.ReleaseSavepointAsync(Savepoint);
    }

    private sealed class Queued(Func<DeliberationsDbContext, Task> write, Activity? activity)
    {
        public Func<DeliberationsDbContext, Task> Write { get; } = write;

        public Activity? Activity { get; } = activity;

        /// <summary>What this write threw; it was undone, and its caller is told once the rest of its group is settled.</summary>
        public Exception? Failure { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
