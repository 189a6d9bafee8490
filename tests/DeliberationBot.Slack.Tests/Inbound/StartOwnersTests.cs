using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Inbound;

/// <summary>The owners of a deliberation as a facilitator types them in Slack, picking each person from the list.</summary>
public sealed class StartOwnersTests : SlackHostTest
{
    [Fact]
    public async Task A_second_owner_typed_without_owner_is_asked_for_again_not_written_into_the_title()
    {
        Api.Person("U0LEE", "Lee Park");

        var reply = await SlackTestHost.JsonAsync(await Host.CommandAsync("start quick-check \"Two owners\" owner:<@U0MARIA|maria> <@U0LEE|lee>", "U0DANA", "dana"));

        Assert.Equal("To make Lee Park an owner too, write owner: before them as well, like owner:@maria owner:@lee.", reply.GetProperty("text").GetString()!.Split('\n')[0]);
        Assert.Null(await Host.Store.FindLatestOpenAsync(SlackPayloads.Team, "slack", SlackPayloads.Channel, default));

        await Host.CommandAsync("start quick-check \"Two owners\" owner:<@U0MARIA|maria> owner:<@U0LEE|lee>", "U0DANA", "dana");
        var d = await Host.DeliberationAsync();
        Assert.Equal("Two owners", d.Title);
        Assert.Equal(["U0MARIA", "U0LEE"], d.Owners.Select(o => o.Id));
    }
}
