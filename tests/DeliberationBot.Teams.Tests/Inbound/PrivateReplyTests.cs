using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>A reply carrying links that only the person who asked may use goes to their 1:1 chat; the chat they typed in reads only that it did.</summary>
public sealed class PrivateReplyTests : HostTest
{
    [Fact]
    public async Task The_links_to_the_whole_record_go_to_the_facilitator_alone_and_the_group_chat_they_typed_in_reads_only_that()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\""));
        await Host.SentAsync();

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "export"));

        await Host.AdvanceAsync(TimeSpan.FromSeconds(5)); // the group chat's reply waits its turn behind the card posted there
        var sent = await Host.SentAsync();
        var links = Assert.Single(sent, c => c.IsPost && c.ConversationId == Chat.Personal(Person.Fiona).Id);
        Assert.Contains("The record of \"Shared screening\"", links.CardText, StringComparison.Ordinal);
        // Where she typed, only that it was sent to her: no link.
        var here = Assert.Single(sent, c => c.ConversationId == Chat.Group.Id);
        Assert.Equal(Teams.Inbound.ReplyQueue.SentPrivately, here.CardText.Trim());
    }
}
