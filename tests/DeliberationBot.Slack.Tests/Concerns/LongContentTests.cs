using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Tests.Infrastructure;
using DeliberationBot.Slack.Tests.Rendering;

namespace DeliberationBot.Slack.Tests.Concerns;

/// <summary>
/// Long content reaches people whole: 60 concerns of 4,000 characters each to their owner, and a 62-question flow
/// answered in full, go out in as many Slack messages as it takes, each within Slack's limits, continued in the thread.
/// </summary>
public sealed class LongContentTests : SlackHostTest
{
    private const string Dana = "U0DANA";
    private const string Maria = "U0MARIA";

    [Fact]
    public async Task Sixty_concerns_of_four_thousand_characters_reach_the_owner_word_for_word_within_every_limit()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening for hotline calls\" owner:<@U0MARIA|maria>", Dana, "dana");
        var answering = Host.Answering;
        var words = Enumerable.Range(1, 60).Select(i => LongText.Words($"person {i}", 4000)).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var person = SlackPayloads.Person($"U0P{i:D3}", $"person {i}");
            await answering.JoinAsync(person, d.Id, StakeholderGroup.FrontlineWorker, anonymous: false, $"join-{i}", default);
            await answering.AnswerAsync(person, d.Id, "purpose", AnswerValue.FromText(words[i]), flagConcern: true, $"answer-{i}", default);
        }

        await Host.CommandAsync("close", Dana, "dana");
        await Host.SettleOutboxAsync(timeoutSeconds: 120);

        var toMaria = Api.CallsTo("chat.postMessage").Where(c => c.Json.GetProperty("channel").GetString() == "D0" + Maria).ToList();
        var root = toMaria.First(c => Blocks.Text(c.Json).Contains("Part 1 of", StringComparison.Ordinal) && c.Strings.Contains("Concerns for you", StringComparison.Ordinal));
        var (_, firstTs) = Blocks.Posted(root);
        // The first part starts the thread; every other part continues it.
        var parts = toMaria.Where(c => c == root || (c.Json.TryGetProperty("thread_ts", out var t) && t.GetString() == firstTs)).ToList();
        Assert.True(parts.Count > 1, "60 long concerns take more than one message");
        foreach (var call in parts)
        {
            SlackLimitsAssert.Message(JsonNode.Parse(call.Body)!.AsObject());
        }

        var delivered = LongText.Squash(string.Join("", parts.Select(c => LongText.Read(c))));
        Assert.All(words, w => Assert.Contains(LongText.Squash(w), delivered, StringComparison.Ordinal));

        // The summary in the channel carries every flagged concern whole too.
        var channel = Api.CallsTo("chat.postMessage").Where(c => c.Json.GetProperty("channel").GetString() == SlackPayloads.Channel).ToList();
        Assert.All(channel, c => SlackLimitsAssert.Message(JsonNode.Parse(c.Body)!.AsObject()));
        var summary = LongText.Squash(string.Join("", channel.Select(c => LongText.Read(c))));
        Assert.All(words, w => Assert.Contains(LongText.Squash(w), summary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_concern_typed_as_long_as_an_answer_reaches_the_owner_whole()
    {
        await Host.StartDeliberationAsync("start quick-check \"Predictive screening for hotline calls\" owner:<@U0MARIA|maria>", Dana, "dana");
        var words = LongText.Words("what the night shift said", 4000);

        var recorded = string.Join("\n", RecordedCall.StringsOf(await SlackTestHost.JsonAsync(await Host.CommandAsync($"concern \"{words}\"", Dana, "dana"))));
        await Host.CommandAsync("concerns", Dana, "dana");
        await Host.SettleOutboxAsync();

        Assert.Contains("Recorded concern #1", recorded, StringComparison.Ordinal);
        var toMaria = Api.CallsTo("chat.postMessage").Where(c => c.Json.GetProperty("channel").GetString() == "D0" + Maria).ToList();
        Assert.All(toMaria, c => SlackLimitsAssert.Message(JsonNode.Parse(c.Body)!.AsObject()));
        Assert.Contains(LongText.Squash(words), LongText.Squash(string.Join("", toMaria.Select(c => LongText.Read(c)))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_with_many_long_concerns_is_split_not_cut()
    {
        // Each declined by the owners with a reason as long as a digest shows, after it was reopened with as many words.
        var concerns = Enumerable.Range(1, 60).Select(i => new DigestConcern(Guid.NewGuid(), "Screening", i, DigestComposer.Shorten(LongText.Words($"person {i}", 4000)), [StakeholderGroup.FrontlineWorker], 3, Core.Concerns.ConcernStatus.WontAddress)
        {
            Shortened = true,
            Standing = new DigestStanding(DigestComposer.Shorten(LongText.Words($"owner {i}", 4000)), [DigestComposer.Shorten(LongText.Words($"reopening {i}", 4000))], 0, 1),
        }).ToList();
        var digest = new WeeklyDigest("2026-W49", false, null, "UTC", [new DigestProposal(Guid.NewGuid(), "Screening", Core.Deliberations.DeliberationStatus.Closed, null, concerns, [StakeholderGroup.Community]) { AwaitingDecision = true }], [], [], concerns, [], 7);

        var pages = Slack.Rendering.MessageRenderer.RenderPages(digest);

        Assert.True(pages.Count > 1);
        Assert.All(pages, p => SlackLimitsAssert.Message(p.ToPayload()));
        var text = LongText.Squash(string.Join("", pages.Select(p => LongText.Read(p.ToPayload()))));
        Assert.All(concerns, c => Assert.Contains(LongText.Squash(c.Text), text, StringComparison.Ordinal));
        Assert.All(concerns, c => Assert.Contains(LongText.Squash(c.Standing!.Response!), text, StringComparison.Ordinal));
        Assert.All(concerns, c => Assert.Contains(LongText.Squash(c.Standing!.Reopening[0]), text, StringComparison.Ordinal));
        Assert.Contains(LongText.Squash("Closed, awaiting the decision."), text, StringComparison.Ordinal);
    }
}
