using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Concerns;

/// <summary>
/// Ana says people can't appeal a decision the tool influenced, and, asked what would need to change, says so in her own
/// words: the owner reads both in the concern her answer raised.
/// </summary>
public sealed class FollowUpWordsTests : SlackHostTest
{
    private const string Ana = "U0ANA";
    private const string WhatWouldChange = "Tell families the score exists.\n\nRight now they would never know.";

    [Fact]
    public async Task The_owner_reads_what_would_need_to_change_with_the_concern_the_answer_raised()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\" owner:<@U0MARIA|maria>", "U0DANA", "dana");
        var ana = SlackPayloads.Person(Ana, "ana");
        await Host.Answering.JoinAsync(ana, d.Id, StakeholderGroup.FrontlineWorker, false, "seed-join", CancellationToken.None);
        await Host.Answering.AnswerAsync(ana, d.Id, "can-appeal", AnswerValue.FromChoices("no"), flagConcern: false, "seed-appeal", CancellationToken.None);
        await Host.Answering.AnswerAsync(ana, d.Id, "appeal-what-would-change", AnswerValue.FromText(WhatWouldChange), flagConcern: false, "seed-change", CancellationToken.None);

        await Host.CommandAsync("concerns", "U0DANA", "dana");
        await Host.SettleOutboxAsync();

        var notice = Api.CallsTo("chat.postMessage").Last(c => c.Json.GetProperty("channel").GetString() == "D0U0MARIA").Strings;
        var concern = notice[notice.IndexOf("Answers that meet this question's concern rule", StringComparison.Ordinal)..];
        Assert.Contains(
            "“No”\n— Frontline worker (ana)\nOn: Can people challenge or appeal a decision that the tool influenced? (Openness and safeguards)\n" +
            "“Tell families the score exists.\n\nRight now they would never know.”\n— Frontline worker (ana)\n" +
            "On: What would need to change so that people can fairly challenge a decision the tool influenced? (Openness and safeguards)",
            concern, StringComparison.Ordinal);
    }
}
