using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Slack.Tests.Outbound;

/// <summary>
/// Faults between the bot and Slack, driven on the fake clock: a post Slack made but answered with 500, an instance
/// that died between Slack accepting and the outbox recording it, rate limits and an outage. Every message arrives
/// exactly once, none is marked failed.
/// </summary>
public sealed class ExactlyOnceTests : SlackHostTest
{

    internal override void Configure(Dictionary<string, string?> settings) => settings["Slack:PaceCalls"] = "true";

    // No background worker: the test sends, on the fake clock, and so decides what a crashed instance holds.
    internal override void ConfigureServices(IServiceCollection services) => services.WithoutOutboxWorker();

    /// <summary>Moves the fake clock in steps, sending what falls due, until the outbox holds nothing pending.</summary>
    private async Task DrainAsync(TimeSpan step, int maxSteps = 400)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            await Host.SettleOutboxAsync();
            if ((await Host.Db.OutboxAsync()).All(r => r.Status != "pending"))
            {
                return;
            }

            Host.Time.Advance(step);
        }

        Assert.Fail("the outbox did not drain: " + string.Join("; ", (await Host.Db.OutboxAsync()).Select(r => $"{r.Status} {r.LastError}")));
    }

    [Fact]
    public async Task A_post_that_Slack_made_but_answered_500_is_found_and_not_posted_again()
    {
        Api.Enqueue("chat.postMessage", FakeResponse.PostedThenFailed(500));
        await Host.CommandAsync("start quick-check \"Lost answer\"");

        await DrainAsync(TimeSpan.FromSeconds(5));

        var row = Assert.Single(await Host.Db.OutboxAsync());
        Assert.Equal("delivered", row.Status);
        Assert.Equal([row.Id.ToString()], Api.PostedOutboxIds);
        Assert.Single(Api.CallsTo("chat.postMessage"));
        Assert.Single(Api.CallsTo("conversations.history"));
        var deliberation = await Host.DeliberationAsync();
        var ts = Api.CallsTo("chat.update").Single().Json.GetProperty("ts").GetString()!;
        // The slot points at the message Slack has, so replies in its thread reach the deliberation.
        Assert.Equal(deliberation.CardSlot, await Host.Outbox.FindSlotAsync(SlackPayloads.Team, SlackPayloads.Channel, ts, default));
    }

    [Fact]
    public async Task An_instance_that_dies_between_Slack_accepting_and_the_outbox_recording_it_causes_no_second_post()
    {
        await Host.CommandAsync("start quick-check \"Crash after accept\"");
        var lease = Host.Services.GetRequiredService<IOptions<OutboxOptions>>().Value.Lease;

        // The crashed instance: it claims the card and Slack accepts it, then the process is gone before it records that.
        var claimed = Assert.Single(await Host.Outbox.ClaimDueAsync("crashed-instance", 10, lease, default));
        var sender = Host.Services.GetServices<IChannelSender>().Single(s => s.Channel == "slack");
        Assert.Equal(SendStatus.Delivered, (await sender.SendAsync(claimed, default)).Status);

        Host.Time.Advance(lease + TimeSpan.FromSeconds(1));
        await DrainAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("delivered", Assert.Single(await Host.Db.OutboxAsync()).Status);
        Assert.Single(Api.PostedOutboxIds);
        Assert.Single(Api.CallsTo("chat.postMessage"));
        Assert.Single(Api.CallsTo("chat.update"));
    }

    [Fact]
    public async Task Rate_limits_on_every_third_call_and_a_minute_of_outage_lose_and_duplicate_nothing()
    {
        const int Deliberations = 12;
        var calls = 0;
        var down = false;
        Api.Override = call =>
        {
            if (down)
            {
                return FakeResponse.ServerError(503);
            }

            return Interlocked.Increment(ref calls) % 3 == 0 ? FakeResponse.RateLimited(2) : null;
        };

        for (var i = 0; i < Deliberations; i++)
        {
            await Host.CommandAsync(SlackPayloads.Command($"start quick-check \"Proposal {i}\"", channel: $"C0ROOM{i}"));
        }

        await Host.SettleOutboxAsync();
        down = true;
        for (var second = 0; second < 60; second += 5)
        {
            Host.Time.Advance(TimeSpan.FromSeconds(5));
            await Host.SettleOutboxAsync();
        }

        down = false;
        await DrainAsync(TimeSpan.FromSeconds(10));

        var rows = await Host.Db.OutboxAsync();
        Assert.Equal(Deliberations, rows.Count);
        Assert.All(rows, r => Assert.Equal("delivered", r.Status));
        var posted = Api.PostedOutboxIds;
        Assert.Equal(rows.Select(r => r.Id.ToString()).Order(), posted.Order());
        Assert.Contains(Api.Calls, c => c.Response.Length == 0); // the fake did answer 429s and 503s
    }
}
