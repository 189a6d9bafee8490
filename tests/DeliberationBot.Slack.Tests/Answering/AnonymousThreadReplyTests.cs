using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Slack.Tests.Answering;

/// <summary>A thread reply is public: from someone who answers anonymously it is not stored as an answer, and they are told how to answer privately.</summary>
public sealed class AnonymousThreadReplyTests : IAsyncLifetime
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
    public async Task A_thread_reply_from_someone_who_answers_anonymously_is_not_taken_as_an_answer()
    {
        await _host.CommandAsync("start quick-check \"Anonymous review\" anonymous");
        var deliberation = await _host.DeliberationAsync();
        var card = await _host.CardAsync(deliberation);
        var answering = _host.Services.GetRequiredService<AnsweringService>();
        var anonymous = new Actor("slack", SlackPayloads.Team, new UserRef("U0ANON123", "Alice Secret"));
        await answering.JoinAsync(anonymous, deliberation.Id, StakeholderGroup.FrontlineWorker, true, "join-anon", default);
        var reply = SlackPayloads.Event(SlackPayloads.Message("U0ANON123", "We were never asked.", "1700000200.000300", card.MessageId));

        await _host.EventAsync(reply);
        await _host.EventAsync(reply); // a redelivery tells them once
        await _host.SettleOutboxAsync();

        Assert.Empty(await _host.AnswersAsync(deliberation));
        var told = Assert.Single(_api.CallsTo("chat.postEphemeral"));
        Assert.Equal("U0ANON123", told.Json.GetProperty("user").GetString());
        Assert.Contains("Press *Answer* on the deliberation's card to answer privately and anonymously", told.Strings, StringComparison.Ordinal);
        Assert.Contains(DeliberationBot.Core.Deliberations.ThreadAnswering.PublicReplyNotTaken[..40], told.Strings, StringComparison.Ordinal);
    }
}
