using DeliberationBot.Core.Deliberations;

namespace DeliberationBot.Core.Tests.Deliberations;

public sealed class StaleTurnsTests
{
    [Fact]
    public async Task A_stale_turn_is_worked_out_again_until_it_commits()
    {
        var tries = 0;

        var result = await new StaleTurns().RunAsync(() => ++tries < 4 ? throw new StaleTurnException("taken") : Task.FromResult("committed"), CancellationToken.None);

        Assert.Equal(("committed", 4), (result, tries));
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        var tries = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => new StaleTurns().RunAsync<string>(() => { tries++; throw new InvalidOperationException(); }, CancellationToken.None));

        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task A_turn_that_never_stops_being_stale_gives_up_with_the_reason()
    {
        var e = await Assert.ThrowsAsync<StaleTurnException>(() => new StaleTurns().RunAsync<string>(() => throw new StaleTurnException("always taken"), CancellationToken.None));

        Assert.Equal("always taken", e.Message);
    }
}
