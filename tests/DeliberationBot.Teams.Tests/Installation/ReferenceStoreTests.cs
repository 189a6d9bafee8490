using DeliberationBot.Teams.Installation;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Installation;

/// <summary>Conversation references in the service's channel state: what AddTeams registers, and how people are found.</summary>
public sealed class ReferenceStoreTests : HostTest
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private TeamsConversationReference Maria(string? personalChat = null) =>
        new(Activities.Tenant, personalChat, ServiceUrl, TeamsTestHost.BotId, personalChat is null ? null : "personal", new TeamsUser(Person.Maria.AadId, Person.Maria.TeamsId), At);

    [Fact]
    public void AddTeams_keeps_references_in_the_channel_state_store_behind_a_short_lived_cache_so_the_host_needs_nothing_more() =>
        Assert.IsType<CachedReferenceStore>(Host.References);

    [Fact]
    public async Task A_person_is_found_by_either_of_their_ids_from_one_record()
    {
        await Host.References.SaveAsync(Maria(), CancellationToken.None);
        await Host.References.SaveAsync(Maria("a:1on1-maria"), CancellationToken.None); // a 1:1 chat learned later

        var byEntraId = await Host.References.FindUserAsync(Activities.Tenant, Person.Maria.AadId, CancellationToken.None);
        var byTeamsId = await Host.References.FindUserAsync(Activities.Tenant, Person.Maria.TeamsId, CancellationToken.None);
        Assert.Equal(Maria("a:1on1-maria"), byEntraId);
        Assert.Equal(byEntraId, byTeamsId);
        Assert.Null(await Host.References.FindUserAsync("another-tenant", Person.Maria.AadId, CancellationToken.None));
        Assert.Null(await Host.References.FindConversationAsync(Activities.Tenant, Person.Maria.AadId, CancellationToken.None)); // people are not conversations

        // One record and one pointer: nothing that could drift apart.
        var rows = (await Db.TeamsStateAsync(Activities.Tenant)).ToDictionary(r => (r.Kind, r.Key), r => r.Json);
        Assert.Equal(2, rows.Count);
        Assert.Contains("a:1on1-maria", rows[("user", Person.Maria.AadId)], StringComparison.Ordinal);
        Assert.Equal($$"""{"pointsTo":"{{Person.Maria.AadId}}"}""", rows[("user", Person.Maria.TeamsId)]);
    }

    [Fact]
    public async Task Someone_without_an_Entra_id_is_one_record_under_their_Teams_id()
    {
        var guest = new TeamsConversationReference(Activities.Tenant, null, ServiceUrl, TeamsTestHost.BotId, null, new TeamsUser("29:guest", "29:guest"), At);
        await Host.References.SaveAsync(guest, CancellationToken.None);

        Assert.Equal(guest, await Host.References.FindUserAsync(Activities.Tenant, "29:guest", CancellationToken.None));
        Assert.Equal(["29:guest"], (await Db.TeamsStateAsync(Activities.Tenant)).Select(r => r.Key));
    }

    [Fact]
    public async Task Conversations_are_kept_by_tenant_and_id_and_need_an_id()
    {
        var channel = new TeamsConversationReference(Activities.Tenant, Chat.ChannelId, ServiceUrl, TeamsTestHost.BotId, "channel", null, At);
        await Host.References.SaveAsync(channel, CancellationToken.None);

        Assert.Equal(channel, await Host.References.FindConversationAsync(Activities.Tenant, Chat.ChannelId, CancellationToken.None));
        Assert.Null(await Host.References.FindConversationAsync("another-tenant", Chat.ChannelId, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Host.References.SaveAsync(channel with { ConversationId = null }, CancellationToken.None));
    }
}
