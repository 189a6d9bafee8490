using System.Text.Json.Nodes;
using DeliberationBot.Core.Digests;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Slack.Tests.People;

/// <summary>
/// The weekly digest tells each leader of the deliberations held where they may read: every public channel's, and a
/// private channel's only if they are in it (conversations.info, conversations.members).
/// </summary>
public sealed class PrivateChannelDigestTests : SlackHostTest
{
    private const string Private = "G0NIGHTS";

    [Fact]
    public async Task A_private_channels_concerns_reach_only_the_digests_of_its_members()
    {
        // Ana is the 230th member: the members come in pages of 200.
        Api.PrivateChannel(Private, [.. Enumerable.Range(1, 228).Select(i => $"U0M{i:D3}"), "U0DANA", "U0ANA"]);
        await Host.CommandAsync(SlackPayloads.Command("start quick-check \"Night shift roster\" owner:<@U0MARIA|maria>", "U0DANA", "dana", channel: Private));
        await Host.CommandAsync(SlackPayloads.Command("concern \"Nights are already one person short.\"", "U0DANA", "dana", channel: Private));
        await Host.CommandAsync("start quick-check \"Road repair ranking\" owner:<@U0MARIA|maria>", "U0DANA", "dana");
        await Host.CommandAsync("concern \"Rural roads never rank.\"", "U0DANA", "dana");
        await Host.CommandAsync("digest subscribe", "U0ANA", "ana");
        await Host.CommandAsync("digest subscribe", "U0LEE", "lee");
        await Host.SettleOutboxAsync();
        var askedBefore = Api.CallsTo("conversations.info").Count; // each start asked whether the bot is in its channel

        var preview = string.Join("\n", RecordedCall.StringsOf(await SlackTestHost.JsonAsync(await Host.CommandAsync("digest preview", "U0LEE", "lee"))));
        Host.Time.Advance(TimeSpan.FromDays(8));
        await Host.Services.GetRequiredService<DigestService>().RunAsync(default);
        await Host.SettleOutboxAsync();

        string DigestOf(string user) => string.Join("\n", Api.CallsTo("chat.postMessage")
            .Where(c => c.Json.GetProperty("channel").GetString() == "D0" + user && c.Strings.Contains("Weekly digest", StringComparison.Ordinal))
            .Select(c => c.Strings));
        var ana = DigestOf("U0ANA");
        var lee = DigestOf("U0LEE");
        Assert.Contains("Road repair ranking", ana, StringComparison.Ordinal);
        Assert.Contains("Night shift roster", ana, StringComparison.Ordinal);
        Assert.Contains("Nights are already one person short.", ana, StringComparison.Ordinal);
        foreach (var leeReads in new[] { lee, preview })
        {
            Assert.Contains("Rural roads never rank.", leeReads, StringComparison.Ordinal);
            Assert.DoesNotContain("Night shift", leeReads, StringComparison.Ordinal);
            Assert.DoesNotContain("one person short", leeReads, StringComparison.Ordinal);
            Assert.DoesNotContain("not in this digest", leeReads, StringComparison.Ordinal);
        }

        // Asked with the bot's token, once per conversation for the run however many leaders read it, page by page.
        Assert.Equal([SlackPayloads.Channel, Private], Api.CallsTo("conversations.info").Select(c => c.Form("channel")).Distinct().Order());
        Assert.Equal(4, Api.CallsTo("conversations.info").Count - askedBefore); // two for Lee's preview, two for the run's two readers
        Assert.All(Api.CallsTo("conversations.info"), c => Assert.Equal("Bearer " + SlackFactory.BotToken, c.Authorization));
        Assert.Equal([null, "200"], Api.CallsTo("conversations.members").Select(c => c.Form("cursor")).Distinct());
    }

    [Fact]
    public async Task Without_the_scopes_to_see_a_channels_members_its_deliberation_is_left_out_and_the_digest_says_so()
    {
        Api.Override = call => call.Method == "conversations.info" ? FakeResponse.Error("missing_scope") : null;
        await Host.CommandAsync(SlackPayloads.Command("start quick-check \"Night shift roster\" owner:<@U0MARIA|maria>", "U0DANA", "dana", channel: Private));
        await Host.CommandAsync(SlackPayloads.Command("concern \"Nights are already one person short.\"", "U0DANA", "dana", channel: Private));
        await Host.SettleOutboxAsync();

        var preview = string.Join("\n", RecordedCall.StringsOf(await SlackTestHost.JsonAsync(await Host.CommandAsync("digest preview", "U0LEE", "lee"))));

        Assert.DoesNotContain("one person short", preview, StringComparison.Ordinal);
        Assert.Contains("1 deliberation is not in this digest: I couldn't check whether you are in the conversation it is held in.", preview, StringComparison.Ordinal);
        Assert.Contains("Whoever manages DeliberationBot can reinstall it", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_slack_does_not_say_is_public_is_read_as_private_and_its_members_asked()
    {
        Api.Override = call => call.Method == "conversations.info"
            ? FakeResponse.Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = call.Form("channel") } })
            : null;
        Api.PrivateChannel(SlackPayloads.Channel, "U0DANA", "U0ANA");
        await Host.CommandAsync("start quick-check \"Road repair ranking\"", "U0DANA", "dana");
        await Host.CommandAsync("concern \"Rural roads never rank.\"", "U0DANA", "dana");
        await Host.SettleOutboxAsync();

        var lee = string.Join("\n", RecordedCall.StringsOf(await SlackTestHost.JsonAsync(await Host.CommandAsync("digest preview", "U0LEE", "lee"))));
        var ana = string.Join("\n", RecordedCall.StringsOf(await SlackTestHost.JsonAsync(await Host.CommandAsync("digest preview", "U0ANA", "ana"))));

        Assert.DoesNotContain("Rural roads", lee, StringComparison.Ordinal);
        Assert.Contains("Rural roads never rank.", ana, StringComparison.Ordinal);
        Assert.NotEmpty(Api.CallsTo("conversations.members"));
    }

    [Fact]
    public async Task A_guest_reads_only_the_public_channels_they_were_invited_to()
    {
        const string Vendors = "C0VENDORS";
        Api.PublicChannel(Vendors, "U0DANA", "U0VENDOR");
        Api.PublicChannel(SlackPayloads.Channel, "U0DANA", "U0LEE");
        await Host.CommandAsync("start quick-check \"Road repair ranking\"", "U0DANA", "dana");
        await Host.CommandAsync("concern \"Rural roads never rank.\"", "U0DANA", "dana");
        await Host.CommandAsync(SlackPayloads.Command("start quick-check \"Model card review\"", "U0DANA", "dana", channel: Vendors));
        await Host.CommandAsync(SlackPayloads.Command("concern \"The vendor has not shared its error rates.\"", "U0DANA", "dana", channel: Vendors));
        await Host.SettleOutboxAsync();
        Api.Enqueue("users.info", FakeResponse.Ok(new JsonObject { ["user"] = new JsonObject { ["id"] = "U0VENDOR", ["is_restricted"] = true, ["tz"] = "Europe/Berlin" } }));

        var vendor = string.Join("\n", RecordedCall.StringsOf(await SlackTestHost.JsonAsync(await Host.CommandAsync("digest preview", "U0VENDOR", "vendor"))));
        var lee = string.Join("\n", RecordedCall.StringsOf(await SlackTestHost.JsonAsync(await Host.CommandAsync("digest preview", "U0LEE", "lee"))));

        // A member of the workspace reads every public channel's; the guest only the one they were invited to.
        Assert.Contains("Rural roads never rank.", lee, StringComparison.Ordinal);
        Assert.Contains("The vendor has not shared its error rates.", lee, StringComparison.Ordinal);
        Assert.Contains("The vendor has not shared its error rates.", vendor, StringComparison.Ordinal);
        Assert.DoesNotContain("Rural roads", vendor, StringComparison.Ordinal);
        Assert.DoesNotContain("not in this digest", vendor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_users_info_does_not_answer_a_public_channels_member_still_reads_it_and_anyone_else_is_asked_again_later()
    {
        Api.PublicChannel(SlackPayloads.Channel, "U0DANA", "U0ANA");
        await Host.CommandAsync("start quick-check \"Road repair ranking\"", "U0DANA", "dana");
        await Host.CommandAsync("concern \"Rural roads never rank.\"", "U0DANA", "dana");
        await Host.SettleOutboxAsync();
        Api.Override = call => call.Method == "users.info" ? FakeResponse.Error("fatal_error") : null;

        var ana = string.Join("\n", RecordedCall.StringsOf(await SlackTestHost.JsonAsync(await Host.CommandAsync("digest preview", "U0ANA", "ana"))));
        var lee = string.Join("\n", RecordedCall.StringsOf(await SlackTestHost.JsonAsync(await Host.CommandAsync("digest preview", "U0LEE", "lee"))));

        Assert.Contains("Rural roads never rank.", ana, StringComparison.Ordinal);
        Assert.Contains("I couldn't check just now who may read each deliberation's conversation", lee, StringComparison.Ordinal);
        Assert.DoesNotContain("Rural roads", lee, StringComparison.Ordinal);
    }
}
