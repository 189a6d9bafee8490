using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Answering;

/// <summary>A thread reply is public: from someone who answers anonymously it is not stored as an answer, and they are told how to answer privately.</summary>
public sealed class AnonymousThreadReplyTests : SlackHostTest
{
    [Fact]
    public async Task A_thread_reply_from_someone_who_answers_anonymously_is_not_taken_as_an_answer()
    {
        var deliberation = await Host.StartDeliberationAsync("start quick-check \"Anonymous review\" anonymous");
        var card = await Host.CardAsync(deliberation);
        var answering = Host.Answering;
        var anonymous = SlackPayloads.Person("U0ANON123", "Alice Secret");
        await answering.JoinAsync(anonymous, deliberation.Id, StakeholderGroup.FrontlineWorker, true, "join-anon", default);
        var reply = SlackPayloads.Event(SlackPayloads.Message("U0ANON123", "We were never asked.", "1700000200.000300", card.MessageId));

        await Host.EventAsync(reply);
        await Host.EventAsync(reply); // a redelivery tells them once
        await Host.SettleOutboxAsync();

        Assert.Empty(await Host.AnswersAsync(deliberation));
        var told = Assert.Single(Api.CallsTo("chat.postEphemeral"));
        Assert.Equal("U0ANON123", told.Json.GetProperty("user").GetString());
        Assert.Contains("Press Answer on the deliberation's card to answer privately and anonymously", told.Strings, StringComparison.Ordinal);
        Assert.Contains(DeliberationBot.Core.Deliberations.ThreadAnswering.PublicReplyNotTaken[..40], told.Strings, StringComparison.Ordinal);
    }
}
