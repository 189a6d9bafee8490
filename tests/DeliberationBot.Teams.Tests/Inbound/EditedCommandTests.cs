using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>
/// A command edited in Teams is not run again; someone who rewords a concern they raised is told the owners keep the
/// first words, and how to send the new ones, rather than left believing the owners read the edit.
/// </summary>
public sealed class EditedCommandTests : HostTest
{
    [Fact]
    public async Task Rewording_a_concern_raised_in_a_channel_says_the_owners_keep_the_first_words_and_how_to_send_the_new_ones()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\"", id: "1700000101"));
        var d = await Host.SingleDeliberationAsync();
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "concern \"Nobody asked the nigth shift\"", id: "1700000102"));
        await Host.SentAsync();

        var edit = Activities.Edit(ServiceUrl, Person.Fiona, Chat.Group, "1700000102",
            "<at>DeliberationBot</at> concern \"Nobody asked the night shift or the families\"", "2026-11-29T10:02:00.000Z");
        edit["entities"] = new System.Text.Json.Nodes.JsonArray(Activities.BotMention);
        await Host.SendAsync(edit);
        await Host.SendAsync(edit.DeepClone().AsObject());

        var told = Assert.Single(await Host.SentAsync(), c => c.IsPost);
        Assert.Contains(
            "An edited message is not run again, so the owners do not get these words. To raise this concern as it reads now, send it to me again in a new message: concern \"Nobody asked the night shift or the families\"",
            told.CardText + told.Body?["text"], StringComparison.Ordinal);
        Assert.Equal("Nobody asked the nigth shift", Assert.Single(await Host.Store.ListConcernsAsync(Activities.Tenant, d.Id, default)).Text);
    }
}
