using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>The time zone a Teams client reports (its clientInfo entity) is the person's, for digests and quiet hours.</summary>
public sealed class TimeZoneTests : HostTest
{
    [Fact]
    public async Task Digest_subscribe_from_a_client_in_Chicago_schedules_the_digest_in_Chicago_time()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Maria, Chat.Thread("700"), "digest subscribe", id: "700").FromClientIn("America/Chicago"));

        var subscription = await Host.Schedule.FindSubscriptionAsync(Activities.Tenant, Person.Maria.AadId, CancellationToken.None);
        Assert.NotNull(subscription);
        Assert.Equal("America/Chicago", subscription.TimeZone);
        var local = TimeZoneInfo.ConvertTime(subscription.NextDueAt, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));
        Assert.Equal((DayOfWeek.Monday, new TimeOnly(9, 0)), (local.DayOfWeek, TimeOnly.FromDateTime(local.DateTime)));
        Assert.Equal("America/Chicago", (await Host.Store.FindProfileAsync(Activities.Tenant, Person.Maria.AadId, CancellationToken.None))?.TimeZone);
        var reply = Assert.Single(await Host.SentAsync());
        Assert.Contains("(America/Chicago)", reply.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_zone_this_system_does_not_know_is_not_taken()
    {
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Maria, Chat.Personal(Person.Maria), "digest subscribe").FromClientIn("Mars/Olympus_Mons"));

        var subscription = await Host.Schedule.FindSubscriptionAsync(Activities.Tenant, Person.Maria.AadId, CancellationToken.None);
        Assert.Equal("UTC", subscription?.TimeZone); // Digests:DefaultTimeZone
        Assert.Null((await Host.Store.FindProfileAsync(Activities.Tenant, Person.Maria.AadId, CancellationToken.None))?.TimeZone);
    }
}
