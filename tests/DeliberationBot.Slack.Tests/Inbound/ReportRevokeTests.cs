using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Inbound;

/// <summary>"report revoke @someone" as Slack sends it: the person picked from the list arrives as a mention token.</summary>
public sealed class ReportRevokeTests : SlackHostTest
{
    [Fact]
    public async Task The_facilitator_stops_one_persons_links_by_mentioning_them()
    {
        await Host.StartDeliberationAsync("start quick-check \"Intake\" owner:<@U0MARIA|maria>", "U0DANA", "dana");

        using var response = await Host.CommandAsync("report revoke <@U0MARIA|maria>", "U0DANA", "dana");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Any link to the page of \\\"Intake\\\" sent to maria so far has stopped working.", body, StringComparison.Ordinal);
    }
}
