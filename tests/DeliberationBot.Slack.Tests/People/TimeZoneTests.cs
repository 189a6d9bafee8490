using System.Text.Json.Nodes;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.People;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Slack.Tests.People;

/// <summary>Commands carry the caller's time zone from users.info, asked once a day per person.</summary>
public sealed class TimeZoneTests : SlackHostTest
{
    [Fact]
    public async Task A_digest_subscription_is_made_in_the_callers_own_time_zone()
    {
        Api.Enqueue("users.info", FakeResponse.Ok(new JsonObject { ["user"] = new JsonObject { ["id"] = "U0KEIKO", ["tz"] = "Asia/Tokyo", ["tz_offset"] = 32400 } }));

        var reply = await SlackTestHost.JsonAsync(await Host.CommandAsync("digest subscribe fri 08:30", "U0KEIKO", "keiko"));

        Assert.Contains("(Asia/Tokyo): the deliberations of the conversations you are in, and those you facilitate or own.", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("Asia/Tokyo", (await Host.Store.FindProfileAsync(SlackPayloads.Team, "U0KEIKO", default))?.TimeZone);
        var lookup = Assert.Single(Api.CallsTo("users.info"));
        Assert.Equal(("U0KEIKO", "Bearer " + SlackFactory.BotToken), (lookup.Form("user"), lookup.Authorization));
    }

    [Fact]
    public async Task Joining_by_the_form_keeps_the_persons_time_zone_so_their_reminders_wait_for_their_morning()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Night shift roster\"", "U0DANA", "dana");
        Api.Enqueue("users.info", FakeResponse.Ok(new JsonObject { ["user"] = new JsonObject { ["id"] = "U0KEIKO", ["tz"] = "Asia/Tokyo", ["profile"] = new JsonObject { ["display_name"] = "Keiko" } } }));

        await Host.JoinInModalAsync(d, "U0KEIKO", "frontline_worker", "V0KEIKO", "h1");

        var profile = await Host.Store.FindProfileAsync(SlackPayloads.Team, "U0KEIKO", default);
        Assert.Equal(("Asia/Tokyo", Core.Stakeholders.StakeholderGroup.FrontlineWorker), (profile?.TimeZone, profile?.Group));
        Assert.Equal("Keiko", (await Host.Store.FindParticipantAsync(SlackPayloads.Team, d.Id, "user:U0KEIKO", default))?.DisplayName);
    }

    [Fact]
    public async Task Users_info_is_asked_once_per_person_a_day()
    {
        await Host.CommandAsync("help", "U0ANN");
        await Host.CommandAsync("flows", "U0ANN");
        await Host.CommandAsync("help", "U0BOB");
        Assert.Equal(["U0ANN", "U0BOB"], Api.CallsTo("users.info").Select(c => c.Form("user")));

        Host.Time.Advance(TimeSpan.FromHours(23));
        await Host.CommandAsync("help", "U0ANN");
        Assert.Equal(2, Api.CallsTo("users.info").Count);

        Host.Time.Advance(TimeSpan.FromHours(1));
        await Host.CommandAsync("help", "U0ANN");
        Assert.Equal(["U0ANN", "U0BOB", "U0ANN"], Api.CallsTo("users.info").Select(c => c.Form("user")));
    }

    [Fact]
    public async Task When_users_info_fails_the_command_still_works_and_the_zone_is_asked_again_later()
    {
        Api.Enqueue("users.info", FakeResponse.Error("user_not_found"));

        var help = await SlackTestHost.JsonAsync(await Host.CommandAsync("help", "U0GONE"));
        Assert.Contains("Commands", help.GetRawText(), StringComparison.Ordinal);
        await Host.CommandAsync("help", "U0GONE");
        Assert.Single(Api.CallsTo("users.info"));

        Host.Time.Advance(TimeSpan.FromMinutes(10));
        var digest = await SlackTestHost.JsonAsync(await Host.CommandAsync("digest subscribe", "U0GONE"));
        Assert.Equal(2, Api.CallsTo("users.info").Count);
        Assert.Contains("(Europe/Berlin)", digest.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task However_many_people_it_sees_it_remembers_no_more_than_its_limit()
    {
        var zones = Zones(maxEntries: 8);

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal("Europe/Berlin", (await zones.FindAsync(SlackPayloads.Team, $"U0P{i}", default)).TimeZone);
            Assert.InRange(zones.Count, 1, 8);
        }
    }

    [Fact]
    public async Task When_full_it_lets_go_of_the_expired_first_and_keeps_the_people_of_the_day()
    {
        var zones = Zones(maxEntries: 8);
        for (var i = 0; i < 6; i++)
        {
            await zones.FindAsync(SlackPayloads.Team, $"U0YESTERDAY{i}", default);
        }

        Host.Time.Advance(TimeSpan.FromHours(25));
        await zones.FindAsync(SlackPayloads.Team, "U0TODAY1", default);
        await zones.FindAsync(SlackPayloads.Team, "U0TODAY2", default);
        await zones.FindAsync(SlackPayloads.Team, "U0TODAY3", default); // full: yesterday's six go

        Assert.Equal(3, zones.Count);
        var asked = Api.CallsTo("users.info").Count;
        await zones.FindAsync(SlackPayloads.Team, "U0TODAY1", default);
        Assert.Equal(asked, Api.CallsTo("users.info").Count);
    }

    private SlackPeople Zones(int maxEntries) =>
        new(Host.Services.GetRequiredService<SlackApiClient>(), Host.Time, Host.Services.GetRequiredService<SlackLog>(), maxEntries);
}
