using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>A reply carrying links that only the person who asked may use goes to their 1:1 chat, not to the chat they typed in.</summary>
public sealed class PrivateReplyTests : HostTest
{
    [Fact]
    public async Task The_links_to_the_whole_record_go_to_the_facilitator_alone_not_to_the_group_chat_they_typed_in()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\""));
        await Host.SentAsync();

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "export"));

        var sent = await Host.SentAsync();
        Assert.DoesNotContain(sent, c => c.ConversationId == Chat.Group.Id);
        var links = Assert.Single(sent, c => c.IsPost);
        Assert.Equal(Chat.Personal(Person.Fiona).Id, links.ConversationId);
        Assert.Contains("The record of \"Shared screening\"", links.CardText, StringComparison.Ordinal);
    }
}
