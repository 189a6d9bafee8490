using DeliberationBot.Core.Deliberations;

namespace DeliberationBot.Core.Tests.Deliberations;

public sealed class StaleTurnsTests
{
    [Fact]
    public async Task A_stale_turn_is_worked_out_again_until_it_commits()
    {
        var tries = 0;

        var result = await new StaleTurns().RunAsync("lane", () => ++tries < 4 ? throw new StaleTurnException("taken") : Task.FromResult("committed"), CancellationToken.None);

        Assert.Equal(("committed", 4), (result, tries));
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        var tries = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => new StaleTurns().RunAsync<string>("lane", () => { tries++; throw new InvalidOperationException(); }, CancellationToken.None));

        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task A_turn_that_never_stops_being_stale_gives_up_with_the_reason()
    {
        var e = await Assert.ThrowsAsync<StaleTurnException>(() => new StaleTurns().RunAsync<string>("lane", () => throw new StaleTurnException("always taken"), CancellationToken.None));

        Assert.Equal("always taken", e.Message);
    }

    [Fact]
    public async Task A_turn_run_inside_another_that_goes_stale_is_worked_out_again_whole_even_in_the_lane_the_outer_one_holds()
    {
        var turns = new StaleTurns();
        var (outerTries, innerTries) = (0, 0);

        // The outer turn goes stale once, so it runs again holding its lane; the turn it runs inside goes stale once too.
        var run = turns.RunAsync("hall", async () =>
        {
            if (++outerTries == 1)
            {
                throw new StaleTurnException("the outer read went stale");
            }

            return await turns.RunAsync("hall", () => ++innerTries == 1 ? throw new StaleTurnException("the inner read went stale") : Task.FromResult("committed"), CancellationToken.None);
        }, CancellationToken.None);

        Assert.True(run.IsCompleted); // an inner turn waiting for the lane its outer turn holds would never end
        Assert.Equal(("committed", 3, 2), (await run, outerTries, innerTries));
    }

    [Fact]
    public async Task While_a_stale_turn_waits_in_its_lane_new_turns_of_that_lane_queue_behind_it_and_other_lanes_go_ahead()
    {
        var turns = new StaleTurns();
        var inLane = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finishFirst = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstTries = 0;
        var first = turns.RunAsync("hall", () =>
        {
            if (++firstTries == 1)
            {
                throw new StaleTurnException("taken");
            }

            inLane.SetResult();
            return finishFirst.Task;
        }, CancellationToken.None);
        await inLane.Task;

        var secondStarted = false;
        var second = turns.RunAsync("hall", () => { secondStarted = true; return Task.FromResult("second"); }, CancellationToken.None);
        var elsewhere = await turns.RunAsync("legal", () => Task.FromResult("elsewhere"), CancellationToken.None);

        Assert.Equal("elsewhere", elsewhere);
        Assert.False(secondStarted); // queued behind the stale turn, not racing it
        finishFirst.SetResult("first");
        Assert.Equal(["first", "second"], await Task.WhenAll(first, second));
        Assert.Equal(2, firstTries);
    }
}
