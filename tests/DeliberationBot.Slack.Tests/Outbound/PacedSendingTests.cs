using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Slack.Tests.Outbound;

/// <summary>
/// A message whose workspace must wait for Slack goes back to the outbox before anything is spent on it: it is not
/// rebuilt (a deliberation card is recounted from every participant and answer) and no call reaches Slack.
/// </summary>
public sealed class PacedSendingTests : SlackHostTest
{
    private readonly CountingRefresher _refreshes = new();

    internal override void Configure(Dictionary<string, string?> settings) => settings["Slack:PaceCalls"] = "true";

    internal override void ConfigureServices(IServiceCollection services)
    {
        services.WithoutOutboxWorker();
        services.AddSingleton<IOutgoingMessageRefresher>(_refreshes);
    }

    [Fact]
    public async Task A_card_update_that_must_wait_is_put_back_without_being_rebuilt_and_goes_out_with_everyone_once_the_wait_is_over()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Paced card\"");
        await Host.SettleOutboxAsync();
        Assert.Equal(1, _refreshes.Cards);

        // Slack asks the workspace to wait 30 s on the first update.
        Api.Enqueue("chat.update", FakeResponse.RateLimited(30));
        await Host.JoinInModalAsync(d, "U0ANN", "frontline_worker", "V0ANN", "a-0");
        await Host.SettleOutboxAsync();
        Assert.Single(Api.CallsTo("chat.update"));
        Assert.Equal(2, _refreshes.Cards);

        // A second update while the wait lasts: put back untouched, nothing sent, no attempt spent.
        Host.Time.Advance(TimeSpan.FromSeconds(5));
        await Host.JoinInModalAsync(d, "U0BOB", "community", "V0BOB", "b-0", opened: 2);
        await Host.SettleOutboxAsync();
        Assert.Single(Api.CallsTo("chat.update"));
        Assert.Equal(2, _refreshes.Cards);
        var waiting = (await Host.Db.OutboxAsync()).Where(r => r.Status == "pending").ToList();
        Assert.Equal(2, waiting.Count); // the two updates; the older is superseded once they are due
        Assert.All(waiting, r => Assert.Equal(Host.Time.GetUtcNow() + TimeSpan.FromSeconds(25), r.NextAttemptAt));

        // A third while the wait lasts goes into the second, which no sender has had: still two rows, still waiting.
        Host.Time.Advance(TimeSpan.FromSeconds(5));
        await Host.JoinInModalAsync(d, "U0CAT", "legal_policy", "V0CAT", "c-0", opened: 3);
        await Host.SettleOutboxAsync();
        Assert.Equal(2, _refreshes.Cards);
        waiting = [.. (await Host.Db.OutboxAsync()).Where(r => r.Status == "pending")];
        Assert.Equal(2, waiting.Count);
        Assert.All(waiting, r => Assert.Equal(Host.Time.GetUtcNow() + TimeSpan.FromSeconds(20), r.NextAttemptAt));

        Host.Time.Advance(TimeSpan.FromSeconds(20));
        await Host.SettleOutboxAsync();
        var update = Api.CallsTo("chat.update")[^1];
        Assert.Equal(2, Api.CallsTo("chat.update").Count);
        Assert.Contains("Frontline worker: 1 joined", update.Strings, StringComparison.Ordinal);
        Assert.Contains("Community member or advocate: 1 joined", update.Strings, StringComparison.Ordinal);
        Assert.Contains("Legal &amp; policy: 1 joined", update.Strings, StringComparison.Ordinal);
        Assert.Equal(3, _refreshes.Cards);
        Assert.DoesNotContain(await Host.Db.OutboxAsync(), r => r.Status == "pending");
    }

    // A direct message calls conversations.open, then chat.postMessage: a wait on either holds it, and a notice that
    // meets one before it is sent is put back as never tried, so it can still take in the ones after it.
    [Theory]
    [InlineData("chat.postMessage")]
    [InlineData("conversations.open")]
    public async Task Concerns_recorded_while_the_owner_must_wait_reach_them_in_one_message_each_in_its_words(string limited)
    {
        await Host.StartDeliberationAsync("start quick-check \"Paced notices\" owner:<@U0MARIA|maria>", "U0DANA", "dana");
        await Host.SettleOutboxAsync();

        // Slack asks the workspace to wait 30 s on the owner's first notice.
        Api.Enqueue(limited, FakeResponse.RateLimited(30));
        await Host.CommandAsync("concern \"The score adds ten minutes of data entry per case\"", "U0DANA", "dana");
        await Host.SettleOutboxAsync();
        var words = new[]
        {
            "Nobody asked the night shift",
            "A court could read the score as a finding",
            "Families are not told a score was used",
        };
        foreach (var said in words)
        {
            // What the facilitator heard in the room, recorded as it was said.
            Host.Time.Advance(TimeSpan.FromSeconds(5));
            await Host.CommandAsync($"concern \"{said}\"", "U0DANA", "dana");
            await Host.SettleOutboxAsync();
        }

        // Two rows wait, not four: the first, and the one the later three went into as they were recorded.
        var waiting = (await Host.Db.OutboxAsync()).Where(r => r.Status == "pending").ToList();
        Assert.Equal(2, waiting.Count);
        Assert.All(words, w => Assert.Contains(w, waiting[^1].MessageJson, StringComparison.Ordinal));

        var refused = limited == "chat.postMessage" ? 1 : 0; // the post Slack refused, when it was the post
        Assert.Equal(refused, Api.CallsTo("chat.postMessage").Count(c => c.Json.GetProperty("channel").GetString() == "D0U0MARIA"));
        Host.Time.Advance(TimeSpan.FromSeconds(15));
        await Host.SettleOutboxAsync();

        // The first notice, which a sender had already tried, goes again alone; the three that waited go as one.
        var toMaria = Api.CallsTo("chat.postMessage").Where(c => c.Json.GetProperty("channel").GetString() == "D0U0MARIA").Skip(refused).ToList();
        Assert.Equal(2, toMaria.Count);
        Assert.Contains("The score adds ten minutes of data entry per case", toMaria[0].Strings, StringComparison.Ordinal);
        Assert.All(words, w => Assert.Contains(w, toMaria[1].Strings, StringComparison.Ordinal));
        Assert.DoesNotContain(await Host.Db.OutboxAsync(), r => r.Status == "pending");
    }

    [Fact]
    public async Task Once_a_persons_direct_conversation_is_known_their_messages_wait_only_for_the_post()
    {
        var sender = Host.Services.GetServices<IChannelSender>().Single(s => s.Channel == "slack");
        var gate = Host.Services.GetRequiredService<SlackRateLimitGate>();
        await sender.SendAsync(Private("U0MARIA", "first"), default);
        while (gate.TurnWaitFor(SlackPayloads.Team, "conversations.open") is null)
        {
            gate.Pace(SlackPayloads.Team, "conversations.open"); // the minute's conversations.open turns are spent
        }

        Assert.Null(sender.DeferralBeforeSending(Private("U0MARIA", "second")));
        var stranger = sender.DeferralBeforeSending(Private("U0BOB", "hello"));
        Assert.Equal(SendStatus.Deferred, stranger?.Status);
        Assert.StartsWith("conversations.open", stranger!.Error, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1.2), stranger.Pace); // conversations.open's tier: about 50 a minute

        OutboxItem Private(string user, string text) => new(
            new OutboxMessage(Guid.NewGuid(), SlackPayloads.Team, Guid.NewGuid().ToString(),
                Destination.PrivatelyTo(new ConversationRef("slack", SlackPayloads.Team, SlackPayloads.Channel, null), new UserRef(user)), new Confirmation(text), Host.Time.GetUtcNow()),
            1, null);
    }

    [Fact]
    public void Asking_how_long_a_call_would_wait_takes_no_turn()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var gate = new SlackRateLimitGate(time);
        Assert.Null(gate.TurnWaitFor("T1", "chat.update"));
        for (var i = 0; i < SlackRateLimitGate.PerMinute("chat.update"); i++)
        {
            Assert.Null(gate.Pace("T1", "chat.update"));
        }

        // The minute's burst is spent: the next turn is 1.2 s away (50 a minute), however often one asks.
        Assert.Equal(TimeSpan.FromSeconds(1.2), gate.TurnWaitFor("T1", "chat.update"));
        Assert.Equal(TimeSpan.FromSeconds(1.2), gate.TurnWaitFor("T1", "chat.update"));
        Assert.Null(gate.TurnWaitFor("T1", "chat.postMessage"));
        Assert.Null(gate.TurnWaitFor("T2", "chat.update"));

        time.Advance(TimeSpan.FromSeconds(1.2));
        Assert.Null(gate.TurnWaitFor("T1", "chat.update"));
        Assert.Null(gate.Pace("T1", "chat.update"));
        Assert.NotNull(gate.TurnWaitFor("T1", "chat.update"));
    }

    /// <summary>Counts the times a deliberation card is rebuilt before sending; leaves every message as it is.</summary>
    private sealed class CountingRefresher : IOutgoingMessageRefresher
    {
        private int _cards;

        public int Cards => _cards;

        public Task<OutgoingMessage> RefreshAsync(OutboxMessage message, CancellationToken ct)
        {
            if (message.Message is DeliberationCard)
            {
                Interlocked.Increment(ref _cards);
            }

            return Task.FromResult(message.Message);
        }
    }
}
