using System.Text.Json.Nodes;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.People;

/// <summary>Commands carry the caller's time zone from users.info, asked once a day per person.</summary>
public sealed class TimeZoneTests : IAsyncLifetime
{
    private FakeSlackApi _api = null!;
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        _host = await SlackTestHost.StartAsync(_api);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_digest_subscription_is_made_in_the_callers_own_time_zone()
    {
        _api.Enqueue("users.info", FakeResponse.Ok(new JsonObject { ["user"] = new JsonObject { ["id"] = "U0KEIKO", ["tz"] = "Asia/Tokyo", ["tz_offset"] = 32400 } }));

        var reply = await SlackTestHost.JsonAsync(await _host.CommandAsync("digest subscribe fri 08:30", "U0KEIKO", "keiko"));

        Assert.Contains("(Asia/Tokyo)", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("Asia/Tokyo", (await _host.Store.FindProfileAsync(SlackPayloads.Team, "U0KEIKO", default))?.TimeZone);
        var lookup = Assert.Single(_api.CallsTo("users.info"));
        Assert.Equal(("U0KEIKO", "Bearer " + SlackFactory.BotToken), (lookup.Form("user"), lookup.Authorization));
    }

    [Fact]
    public async Task Users_info_is_asked_once_per_person_a_day()
    {
        await _host.CommandAsync("help", "U0ANN");
        await _host.CommandAsync("flows", "U0ANN");
        await _host.CommandAsync("help", "U0BOB");
        Assert.Equal(["U0ANN", "U0BOB"], _api.CallsTo("users.info").Select(c => c.Form("user")));

        _host.Time.Advance(TimeSpan.FromHours(23));
        await _host.CommandAsync("help", "U0ANN");
        Assert.Equal(2, _api.CallsTo("users.info").Count);

        _host.Time.Advance(TimeSpan.FromHours(1));
        await _host.CommandAsync("help", "U0ANN");
        Assert.Equal(["U0ANN", "U0BOB", "U0ANN"], _api.CallsTo("users.info").Select(c => c.Form("user")));
    }

    [Fact]
    public async Task When_users_info_fails_the_command_still_works_and_the_zone_is_asked_again_later()
    {
        _api.Enqueue("users.info", FakeResponse.Error("user_not_found"));

        var help = await SlackTestHost.JsonAsync(await _host.CommandAsync("help", "U0GONE"));
        Assert.Contains("Commands", help.GetRawText(), StringComparison.Ordinal);
        await _host.CommandAsync("help", "U0GONE");
        Assert.Single(_api.CallsTo("users.info"));

        _host.Time.Advance(TimeSpan.FromMinutes(10));
        var digest = await SlackTestHost.JsonAsync(await _host.CommandAsync("digest subscribe", "U0GONE"));
        Assert.Equal(2, _api.CallsTo("users.info").Count);
        Assert.Contains("(Europe/Berlin)", digest.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
