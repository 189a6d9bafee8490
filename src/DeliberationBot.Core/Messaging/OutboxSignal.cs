namespace DeliberationBot.Core.Messaging;

/// <summary>Wakes the outbox worker as soon as a turn has queued messages, instead of waiting for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Lock _releasing = new();

    /// <summary>
    /// Called after every turn that queued something, often while the worker is already signalled: one wake-up is
    /// enough, and only this method releases, so checking under the lock never overfills the semaphore.
    /// </summary>
    public void Notify()
    {
        lock (_releasing)
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
    }

    /// <summary>Waits for a notification or for <paramref name="max"/> to pass on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan max, TimeProvider time, CancellationToken ct)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(max, time, wake.Token);
        var signalled = _signal.WaitAsync(wake.Token);
        await Task.WhenAny(delay, signalled);
        await wake.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}
