using DeliberationBot.Core.Digests;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Privacy;

/// <summary>
/// A tenant's weekly digest tells each leader only of the deliberations held where they may read: a group chat's reaches
/// its members alone, as the Bot Connector's roster of that chat has them.
/// </summary>
public sealed class PrivateConversationDigestTests : HostTest
{
    [Fact]
    public async Task A_group_chats_concerns_reach_only_the_digests_of_its_members()
    {
        // Maria comes after 600 others: the chat's roster comes in pages of 500.
        Fake.RosterOf(Chat.Group.Id, [.. Enumerable.Range(0, 600).Select(i => new Person($"29:f{i:D3}", $"aad-f{i:D3}", $"Member {i}")), Person.Fiona, Person.Maria]);
        Fake.AddToRoster(Person.Sam);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "start quick-check \"Shared screening\""));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Group, "concern \"Night calls are never screened twice.\""));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("8001"), "start quick-check \"Road repairs\"", id: "8001"));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("8001"), "concern \"Rural roads never rank.\""));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "digest subscribe"));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Maria, Chat.Personal(Person.Maria), "digest subscribe"));
        await Host.SentAsync();

        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "digest preview"));
        var preview = string.Join("\n", (await Host.SentAsync()).Where(c => c.ConversationId == Chat.Personal(Person.Sam).Id).Select(c => c.CardText));
        await Host.AdvanceAsync(TimeSpan.FromDays(8));
        await Host.Services.GetRequiredService<DigestService>().RunAsync(default);
        await Host.AdvanceAsync(TimeSpan.FromSeconds(5));
        var sent = await Host.SentAsync();

        string DigestOf(Person person) => string.Join("\n", sent.Where(c => c.ConversationId == Chat.Personal(person).Id).Select(c => c.CardText));
        var maria = DigestOf(Person.Maria);
        Assert.Contains("Shared screening", maria, StringComparison.Ordinal);
        Assert.Contains("Night calls are never screened twice.", maria, StringComparison.Ordinal);
        Assert.Contains("Rural roads never rank.", maria, StringComparison.Ordinal);
        foreach (var sam in new[] { DigestOf(Person.Sam), preview })
        {
            Assert.Contains("Rural roads never rank.", sam, StringComparison.Ordinal);
            Assert.DoesNotContain("Shared screening", sam, StringComparison.Ordinal);
            Assert.DoesNotContain("Night calls", sam, StringComparison.Ordinal);
            Assert.DoesNotContain("not in this digest", sam, StringComparison.Ordinal);
        }

        // Each conversation's roster is read once for the run's two readers (and once for Sam's preview), page by page.
        var rosters = Fake.Calls.Where(c => c.Method == "GET" && c.Path.EndsWith("/pagedmembers", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rosters.Count(c => c.ConversationId == Chat.Group.Id)); // two pages, twice
        Assert.Equal(4, rosters.Count(c => c.ConversationId == Chat.ChannelId)); // the team: everyone on the roster
        Assert.All(rosters, c => Assert.Contains("pageSize=500", c.RawTarget, StringComparison.Ordinal));
    }
}
