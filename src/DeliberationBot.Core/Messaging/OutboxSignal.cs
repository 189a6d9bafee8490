namespace DeliberationBot.Core.Messaging;

/// <summary>
/// Wakes the outbox worker as soon as a turn has queued messages, instead of waiting for the next poll; and when a
/// message waits until a set time (the platform made its workspace wait), at that time.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Lock _releasing = new();

    // The times messages wait for (each deferral adds one; those passed are dropped when the worker looks), and the
    // time the worker, if waiting, will wake at anyway.
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> _due = new();
    private DateTimeOffset? _wakingAt;

    /// <summary>
    /// Called after every turn that queued something, often while the worker is already signalled: one wake-up is
    /// enough, and only this class releases, so checking under the lock never overfills the semaphore.
    /// </summary>
    public void Notify()
    {
        lock (_releasing)
        {
            Release();
        }
    }

    /// <summary>Whether a wake-up is waiting for the worker: what a test reads instead of racing the worker's wait.</summary>
    internal bool WakePending => _signal.CurrentCount > 0;

    /// <summary>A message was put back to wait until <paramref name="at"/>: the worker looks again then.</summary>
    public void NotifyAt(DateTimeOffset at)
    {
        lock (_releasing)
        {
            _due.Enqueue(at, at);

            // A worker already waiting past that time recomputes its wait.
            if (_wakingAt is { } waking && at < waking)
            {
                Release();
            }
        }
    }

    /// <summary>
    /// Waits for a notification, for the earliest time a message waits for, or for <paramref name="max"/> to pass on
    /// <paramref name="time"/>, whichever comes first.
    /// </summary>
    public async Task WaitAsync(TimeSpan max, TimeProvider time, CancellationToken ct)
    {
        TimeSpan wait;
        lock (_releasing)
        {
            var now = time.GetUtcNow();
            if (DropPassed(now))
            {
                return; // a time came while the worker was busy: it looks once more now
            }

            wait = _due.TryPeek(out var next, out _) && next - now < max ? next - now : max;
            _wakingAt = now + wait;
        }

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(wait, time, wake.Token);
        var signalled = _signal.WaitAsync(wake.Token);
        await Task.WhenAny(delay, signalled);
        await wake.CancelAsync();
        lock (_releasing)
        {
            _wakingAt = null;
            DropPassed(time.GetUtcNow()); // the worker is about to look
        }

        ct.ThrowIfCancellationRequested();
    }

    private bool DropPassed(DateTimeOffset now)
    {
        var any = false;
        while (_due.TryPeek(out var next, out _) && next <= now)
        {
            _due.Dequeue();
            any = true;
        }

        return any;
    }

    private void Release()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }
}
