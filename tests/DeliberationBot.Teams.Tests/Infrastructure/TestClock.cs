using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>
/// The service's clock: a <see cref="FakeTimeProvider"/> started at the real time (so tokens signed now are valid)
/// that also counts who starts waiting on it and for how long. That lets a test see, without sleeping, that the outbox
/// worker has gone back to waiting for work (a wait of the poll interval), or that a retry is waiting out a
/// Retry-After, and then move time on.
/// </summary>
internal sealed class TestClock() : FakeTimeProvider(TimeProvider.System.GetUtcNow())
{
    private readonly ConcurrentQueue<TimeSpan> _log = new();
    private readonly ConcurrentDictionary<TimeSpan, int> _waits = new();
    private TaskCompletionSource _changed = NewSignal();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _waits.AddOrUpdate(dueTime, 1, (_, n) => n + 1);
        _log.Enqueue(dueTime);
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
        return timer;
    }

    /// <summary>How many waits of exactly <paramref name="dueTime"/> have begun.</summary>
    public int Waits(TimeSpan dueTime) => _waits.GetValueOrDefault(dueTime);

    /// <summary>Returns once more than <paramref name="seen"/> waits of <paramref name="dueTime"/> have begun.</summary>
    public async Task WaitForWaitAsync(TimeSpan dueTime, int seen, CancellationToken ct)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (Waits(dueTime) > seen)
            {
                return;
            }

            await changed.WaitAsync(ct);
        }
    }

    /// <summary>How many waits of any length have begun.</summary>
    public int AllWaits => _log.Count;

    /// <summary>The first wait matching <paramref name="match"/> among those begun after the first <paramref name="seen"/>.</summary>
    public async Task<TimeSpan> WaitForWaitAsync(Func<TimeSpan, bool> match, int seen, CancellationToken ct)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            foreach (var due in _log.Skip(seen))
            {
                if (match(due))
                {
                    return due;
                }
            }

            await changed.WaitAsync(ct);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
