using DeliberationBot.Host.Demo;

namespace DeliberationBot.Host.Tests.Demo;

public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_runs_a_whole_quick_check_and_exits_zero()
    {
        using var output = new StringWriter();

        var exit = await DemoCommand.RunAsync([], output);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("bot posts message m1 in #ai-review", text, StringComparison.Ordinal);
        Assert.Contains("bot updates message m1 in #ai-review", text, StringComparison.Ordinal);
        Assert.Contains("Which stakeholder group are you answering", text, StringComparison.Ordinal);
        Assert.Contains("Thank you — you have answered every question", text, StringComparison.Ordinal);
        Assert.Contains("Concerns raised in \"Predictive screening for hotline calls\"", text, StringComparison.Ordinal);
        Assert.Contains("Posted a reminder in the conversation for 1 anonymous participant.", text, StringComparison.Ordinal);
        Assert.Contains("[Closed] Predictive screening for hotline calls", text, StringComparison.Ordinal);
        Assert.Contains("Summary of \"Predictive screening for hotline calls\"", text, StringComparison.Ordinal);
        Assert.Contains("Concern #1 is now resolved.", text, StringComparison.Ordinal);
        Assert.Contains("Decision on \"Predictive screening for hotline calls\": Go with conditions", text, StringComparison.Ordinal);
        Assert.Contains("Demo finished: 4 participants", text, StringComparison.Ordinal);
    }
}
