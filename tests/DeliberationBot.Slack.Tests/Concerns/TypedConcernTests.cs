using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Concerns;

/// <summary>What a facilitator types reaches the proposal's owner in the words it was typed in.</summary>
public sealed class TypedConcernTests : SlackHostTest
{
    [Fact]
    public async Task A_title_and_a_concern_with_quotation_marks_inside_reach_the_owner_as_typed()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"The \"quick check\" for intake\" owner:<@U0MARIA|maria>", "U0DANA", "dana");
        await Host.SettleOutboxAsync();
        await Host.CommandAsync("concern \"A court could read the \"score\" as a finding \u2014 it isn't one\"", "U0DANA", "dana");
        await Host.SettleOutboxAsync();

        Assert.Equal("The \"quick check\" for intake", d.Title);
        var notice = Assert.Single(Api.CallsTo("chat.postMessage"), c => c.Json.GetProperty("channel").GetString() == "D0U0MARIA");
        Assert.Contains(">A court could read the \"score\" as a finding \u2014 it isn't one", notice.Strings, StringComparison.Ordinal);
        Assert.Contains("The \"quick check\" for intake", notice.Strings, StringComparison.Ordinal);
    }
}
