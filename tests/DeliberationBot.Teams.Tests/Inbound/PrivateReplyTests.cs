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

    [Fact]
    public async Task The_concerns_listed_for_the_facilitator_go_to_her_alone_and_the_group_chat_reads_only_that()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\""));
        await Host.SentAsync();
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "concern \"Nobody asked the night shift, and my name is on it.\""));
        await Host.AdvanceAsync(TimeSpan.FromSeconds(5));
        await Host.SentAsync();

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "concerns"));

        await Host.AdvanceAsync(TimeSpan.FromSeconds(5));
        var sent = await Host.SentAsync();
        // Every person's words with their name: to her 1:1 chat; where she typed, that it was sent there, and no words.
        var list = Assert.Single(sent, c => c.IsPost && c.ConversationId == Chat.Personal(Person.Fiona).Id && c.CardText.Contains("Nobody asked the night shift", StringComparison.Ordinal));
        Assert.Contains("Fiona", list.CardText, StringComparison.Ordinal);
        var here = sent.Where(c => c.ConversationId == Chat.Group.Id).ToList();
        Assert.Contains(here, c => c.CardText.Trim() == Teams.Inbound.ReplyQueue.SentPrivately);
        Assert.DoesNotContain(here, c => c.CardText.Contains("night shift", StringComparison.Ordinal));
    }
}
