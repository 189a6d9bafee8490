using System.Net;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Installation;

/// <summary>
/// Someone removed the bot from a group chat while its deliberation ran: the facilitator was told at once, and again
/// when its summary could not be posted there. Added back, the bot posts what failed, without an administrator.
/// </summary>
public sealed class AddedBackTests : HostTest
{
    [Fact]
    public async Task Added_back_the_bot_posts_what_could_not_reach_the_chat_once()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\""));
        await Host.SentAsync();
        Fake.Fail(c => c.ConversationId == Chat.Group.Id && (c.IsPost || c.IsUpdate), HttpStatusCode.Forbidden, times: 50, errorCode: "BotNotInConversationRoster");

        // Removed, the bot tells the facilitator at once, in their 1:1 chat, once; the uninstall Teams sends beside it says nothing more.
        var removed = Activities.BotRemoved(ServiceUrl, Person.Maria, Chat.Group);
        await Host.SendAsync(removed);
        await Host.SendAsync(removed);
        await Host.SendAsync(Activities.Installed(ServiceUrl, Person.Maria, Chat.Group, "remove"));
        var told = Assert.Single(await Host.SentAsync(), c => c.CardText.Contains("I was removed", StringComparison.Ordinal));
        Assert.NotEqual(Chat.Group.Id, told.ConversationId);
        Assert.Contains("I was removed from the conversation where \"Shared screening\" is open", told.CardText, StringComparison.Ordinal);

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "close"));
        var failing = await Host.SentAsync();
        Assert.Contains(failing, c => c.ConversationId == Chat.Group.Id && c.IsPost && c.CardText.Contains("Summary", StringComparison.Ordinal));
        Assert.Contains(failing, c => c.CardText.Contains(
            "did not reach the conversation: the summary", StringComparison.Ordinal) && c.CardText.Contains("add me to it: what did not reach it is sent again as soon as I am back", StringComparison.Ordinal));
        Assert.Contains(await Host.Db.OutboxAsync(), r => r.Status == "failed");

        Fake.ClearFailures();
        await Host.SendAsync(Activities.BotAdded(ServiceUrl, Person.Fiona, Chat.Group));
        var resent = await Host.SentAsync();
        Assert.Single(resent, c => c.ConversationId == Chat.Group.Id && c.IsPost && c.CardText.Contains("Summary", StringComparison.Ordinal));
        Assert.Contains(resent, c => c.ConversationId == Chat.Group.Id && c.IsUpdate && c.CardText.Contains("closed", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(await Host.Db.OutboxAsync(), r => r.Status == "failed");

        // The install event Teams sends beside it, or a redelivery, sends nothing again.
        await Host.SendAsync(Activities.Installed(ServiceUrl, Person.Fiona, Chat.Group));
        Assert.DoesNotContain(await Host.SentAsync(), c => c.ConversationId == Chat.Group.Id && (c.IsPost || c.IsUpdate));
    }
}
