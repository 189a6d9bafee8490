using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Answering;

/// <summary>A thread reply is public: where answers may be anonymous it is not stored as an answer, and the person is told how to answer privately.</summary>
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
    public async Task A_thread_reply_in_a_deliberation_that_allows_anonymity_is_not_taken_as_an_answer()
    {
        await _host.CommandAsync("start quick-check \"Anonymous review\" anonymous");
        var deliberation = await _host.DeliberationAsync();
        var card = await _host.CardAsync(deliberation);
        var reply = SlackPayloads.Event(SlackPayloads.Message("U0ANON123", "We were never asked.", "1700000200.000300", card.MessageId));

        await _host.EventAsync(reply);
        await _host.EventAsync(reply); // a redelivery tells them once
        await _host.SettleOutboxAsync();

        Assert.Empty(await _host.AnswersAsync(deliberation));
        var told = Assert.Single(_api.CallsTo("chat.postEphemeral"));
        Assert.Equal("U0ANON123", told.Json.GetProperty("user").GetString());
        Assert.Contains("Press *Answer* on the deliberation's card to answer privately", told.Strings, StringComparison.Ordinal);
        Assert.Contains(EventCallbackHandler.PublicReplyNotTaken[..40], told.Strings, StringComparison.Ordinal);
    }
}
