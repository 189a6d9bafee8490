using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Rendering;
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
    /// <summary>The form's JSON escapes the apostrophe in "proposal's": what follows it.</summary>
    private static readonly string Note = QuestionPrompt.ReadWithConcernNote[(QuestionPrompt.ReadWithConcernNote.IndexOf('\'', StringComparison.Ordinal) + 1)..];

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

    [Fact]
    public async Task Asked_what_would_need_to_change_after_a_concern_the_person_is_told_the_owners_will_read_it_with_the_concern()
    {
        var d = await Host.StartDeliberationAsync("start quick-check \"Predictive screening\" owner:<@U0MARIA|maria>", "U0DANA", "dana");
        var ana = SlackPayloads.Person(Ana, "ana");
        await Host.Answering.JoinAsync(ana, d.Id, StakeholderGroup.FrontlineWorker, false, "seed-join", CancellationToken.None);
        foreach (var (question, value) in new[]
        {
            ("purpose", AnswerValue.FromText("It ranks calls.")), ("who-affected", AnswerValue.Skip()), ("added-minutes-per-case", AnswerValue.FromNumber(3)),
            ("can-override", AnswerValue.FromChoices("yes")), ("vendor-transparency", AnswerValue.FromNumber(4)),
        })
        {
            await Host.Answering.AnswerAsync(ana, d.Id, question, value, flagConcern: false, "seed-" + question, CancellationToken.None);
        }

        await Host.InteractionAsync(SlackPayloads.BlockAction(SlackIds.AnswerAction, d.Id.ToString("D"), Ana));
        var appeal = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        Assert.Contains("Can people challenge or appeal", appeal.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Note, appeal.ToJsonString(), StringComparison.Ordinal);

        // "No" meets the question's concern rule, and opens the follow-up, which says where its answer goes.
        var followUp = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(appeal,
            Modals.Values(("answer", SlackPayloads.Input("radio_buttons", SlackPayloads.Option("no")))), Ana, "V0APPEAL", "h-1")));
        Assert.Contains("What would need to change so that people can fairly challenge", followUp.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(Note, followUp.ToJsonString(), StringComparison.Ordinal);

        // Changed to "Yes", which raises nothing: the follow-up, opened from her answers, says nothing of the owners.
        await Host.Answering.AnswerAsync(ana, d.Id, "can-appeal", AnswerValue.FromChoices("yes"), flagConcern: false, "seed-yes", CancellationToken.None);
        await Host.InteractionAsync(SlackPayloads.BlockAction(SlackIds.ChangeAnswerAction, $"{d.Id:N}|appeal-what-would-change", Ana));
        var opened = Modals.ViewOf(await Api.WaitForAsync("views.open", count: 2)).ToJsonString();
        Assert.Contains("What would need to change so that people can fairly challenge", opened, StringComparison.Ordinal);
        Assert.DoesNotContain(Note, opened, StringComparison.Ordinal);
    }
}
