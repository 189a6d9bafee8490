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
}
