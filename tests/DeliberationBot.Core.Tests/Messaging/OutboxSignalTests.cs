using DeliberationBot.Core.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Core.Tests.Messaging;

public sealed class OutboxSignalTests
{
    [Fact]
    public async Task Many_notifications_before_the_worker_looks_wake_it_once()
    {
        var signal = new OutboxSignal();
        var time = new FakeTimeProvider();
        for (var i = 0; i < 1_000; i++)
        {
            signal.Notify();
        }

        await signal.WaitAsync(TimeSpan.FromMinutes(1), time, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        var second = signal.WaitAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None);
        Assert.False(second.IsCompleted, "the thousand notifications were one wake-up");
        time.Advance(TimeSpan.FromSeconds(5));
        await second.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
    }

    [Fact]
    public async Task A_notification_while_the_worker_waits_wakes_it()
    {
        var signal = new OutboxSignal();
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(1), new FakeTimeProvider(), CancellationToken.None);

        signal.Notify();

        await waiting.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
    }

    [Fact]
    public async Task A_message_waiting_until_a_time_wakes_the_worker_then_not_at_the_next_poll()
    {
        var signal = new OutboxSignal();
        var time = new FakeTimeProvider();
        signal.NotifyAt(time.GetUtcNow().AddSeconds(3));

        var waiting = signal.WaitAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        // Once woken for it, the worker waits a whole poll again.
        var next = signal.WaitAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
    }

    [Fact]
    public async Task A_wait_that_ends_sooner_than_the_worker_would_wake_wakes_it_to_look_again()
    {
        var signal = new OutboxSignal();
        var time = new FakeTimeProvider();
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(1), time, CancellationToken.None);

        signal.NotifyAt(time.GetUtcNow().AddSeconds(2));
        await waiting.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        var again = signal.WaitAsync(TimeSpan.FromMinutes(1), time, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(again.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await again.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
    }

    [Fact]
    public async Task A_time_that_came_while_the_worker_was_busy_sends_it_to_look_at_once()
    {
        var signal = new OutboxSignal();
        var time = new FakeTimeProvider();
        signal.NotifyAt(time.GetUtcNow().AddSeconds(1));
        time.Advance(TimeSpan.FromSeconds(2));

        await signal.WaitAsync(TimeSpan.FromMinutes(1), time, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
    }

    [Fact]
    public async Task Each_time_messages_wait_for_wakes_the_worker_in_turn()
    {
        var signal = new OutboxSignal();
        var time = new FakeTimeProvider();
        signal.NotifyAt(time.GetUtcNow().AddSeconds(4));
        signal.NotifyAt(time.GetUtcNow().AddSeconds(2));

        foreach (var (before, at) in new[] { (1, 2), (1, 4) })
        {
            var waiting = signal.WaitAsync(TimeSpan.FromMinutes(5), time, CancellationToken.None);
            time.Advance(TimeSpan.FromSeconds(before));
            Assert.False(waiting.IsCompleted, $"woken before {at} s");
            time.Advance(TimeSpan.FromSeconds(1));
            await waiting.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        }
    }
}
