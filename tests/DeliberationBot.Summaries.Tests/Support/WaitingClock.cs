using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Summaries.Tests.Support;

/// <summary>
/// A fake clock that also tells a test when the code under test starts waiting on it (a timeout or a Retry-After), so
/// the test moves time on exactly then instead of sleeping. A wait counts whether its timer is created with its due
/// time or created idle and then set (as pooled cancellation sources do).
/// </summary>
internal sealed class WaitingClock() : FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero))
{
    private readonly ConcurrentDictionary<TimeSpan, int> _waits = new();
    private readonly SemaphoreSlim _started = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Started(dueTime);
        return timer;
    }

    /// <summary>Returns once <paramref name="count"/> waits of exactly <paramref name="dueTime"/> have begun.</summary>
    public async Task WaitForWaitsAsync(TimeSpan dueTime, int count)
    {
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (_waits.GetValueOrDefault(dueTime) < count)
        {
            await _started.WaitAsync(hang.Token);
        }
    }

    private void Started(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.AddOrUpdate(dueTime, 1, (_, n) => n + 1);
            _started.Release();
        }
    }

    private sealed class WatchedTimer(ITimer inner, WaitingClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Started(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
