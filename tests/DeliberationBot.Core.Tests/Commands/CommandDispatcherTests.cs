using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Tests.Support;
using static DeliberationBot.Core.Tests.Support.ServiceBed;

namespace DeliberationBot.Core.Tests.Commands;

/// <summary>How typed commands meet deliveries the platform makes again, and the turns that went stale.</summary>
public sealed class CommandDispatcherTests
{
    private readonly ServiceBed _bed = new();

    private Task<TurnResult> TypeAsync(Actor actor, string text, string deliveryKey) =>
        _bed.Commands.HandleAsync(actor, Home, text, null, deliveryKey, None);

    [Theory]
    [InlineData("status")]
    [InlineData("help")]
    [InlineData("flows")]
    [InlineData("start")]
    [InlineData("report")]
    [InlineData("export")]
    public async Task A_read_is_answered_without_looking_up_its_delivery(string read)
    {
        await _bed.StartAsync();
        var checks = _bed.Store.DeliveryChecks;

        var result = await TypeAsync(Fiona, read, "read-1");

        Assert.False(result.Duplicate);
        Assert.NotEmpty(result.Replies);
        Assert.Equal(checks, _bed.Store.DeliveryChecks);
    }

    [Fact]
    public async Task A_read_delivered_again_is_answered_again()
    {
        await _bed.StartAsync();

        var first = await TypeAsync(Sam, "status", "delivery-1");
        var again = await TypeAsync(Sam, "status", "delivery-1");

        Assert.False(again.Duplicate);
        Assert.NotEmpty(again.Replies);
        Assert.Equal(first.Replies.Select(r => r.GetType()), again.Replies.Select(r => r.GetType()));
    }

    [Fact]
    public async Task A_write_delivered_again_is_handled_once()
    {
        await _bed.StartAsync();

        var first = await TypeAsync(Maria, "concern \"Nobody asked the night shift\"", "delivery-2");
        var again = await TypeAsync(Maria, "concern \"Nobody asked the night shift\"", "delivery-2");

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        var d = (await _bed.Store.FindLatestAsync(Workspace, Home.Channel, Home.ConversationId, None))!;
        Assert.Single(await _bed.Store.ListConcernsAsync(Workspace, d.Id, None));
    }

    [Fact]
    public async Task A_read_does_not_wait_behind_the_conversations_stale_writes()
    {
        await _bed.StartAsync();
        // A write that went stale is worked out again in its conversation's lane; this one holds the lane until released.
        var release = new TaskCompletionSource();
        var tries = 0;
        var stale = _bed.Stale.RunAsync(TurnLanes.Of(Home), async () =>
        {
            if (++tries == 1)
            {
                throw new StaleTurnException("another turn committed first");
            }

            await release.Task;
            return true;
        }, None);

        // The store here answers at once, so a read that does not queue has finished when the call returns.
        var status = TypeAsync(Sam, "status", "read-2");
        var write = TypeAsync(Maria, "concern \"Nobody asked the night shift\"", "write-2");

        Assert.True(status.IsCompletedSuccessfully);
        Assert.False(write.IsCompleted);
        release.SetResult();
        await stale;
        Assert.False((await write).Duplicate);
    }
}
