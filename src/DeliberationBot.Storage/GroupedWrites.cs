namespace DeliberationBot.Storage;

/// <summary>
/// Group commit for small writes that many callers make at once (the outcomes of outbox sends): writes that arrive
/// while one is being written wait for it, then go together, one after another in one transaction, so a burst costs
/// one commit (one fsync, one turn at SQLite's single writer) instead of one each. Every caller returns once its own
/// write is durable, or with the error that kept its group from committing.
/// </summary>
internal sealed class GroupedWrites(DbFactory db)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _queueLock = new();
    private List<Queued> _queue = [];

    public async Task WriteAsync(Func<DeliberationsDbContext, Task> write)
    {
        var mine = new Queued(write);
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

                    foreach (var queued in group)
                    {
                        await queued.Write(ctx);
                    }
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
                queued.Done.TrySetException(e);
            }

            return;
        }

        foreach (var queued in group)
        {
            queued.Done.TrySetResult();
        }
    }

    private sealed class Queued(Func<DeliberationsDbContext, Task> write)
    {
        public Func<DeliberationsDbContext, Task> Write { get; } = write;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
