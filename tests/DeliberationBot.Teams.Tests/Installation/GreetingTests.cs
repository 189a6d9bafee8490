using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Installation;

public sealed class GreetingTests : HostTest
{
    [Fact]
    public async Task Installing_greets_once_however_many_events_arrive()
    {
        var added = Activities.BotAdded(ServiceUrl, Person.Fiona, Chat.Channel);
        await Host.SendAsync(added);
        await Host.SendAsync(added); // redelivered
        await Host.SendAsync(Activities.Installed(ServiceUrl, Person.Fiona, Chat.Channel));

        var greeting = Assert.Single(await Host.SentAsync());
        Assert.Equal(Chat.ChannelId, greeting.ConversationId);
        Assert.Contains("@DeliberationBot start", greeting.CardText, StringComparison.Ordinal);
        var fiona = await Host.References.FindUserAsync(Activities.Tenant, Person.Fiona.AadId, CancellationToken.None);
        Assert.Equal((Person.Fiona.AadId, Person.Fiona.TeamsId), (fiona?.User?.Id, fiona?.User?.TeamsId));
    }

    [Fact]
    public async Task A_personal_install_greets_with_plain_commands_and_uninstall_says_nothing()
    {
        await Host.SendAsync(Activities.Installed(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam)));
        await Host.SendAsync(Activities.Installed(ServiceUrl, Person.Sam, Chat.Group, "remove"));
        var greeting = Assert.Single(await Host.SentAsync());
        Assert.Contains("Type \"start\"", greeting.CardText, StringComparison.Ordinal);
    }
}
