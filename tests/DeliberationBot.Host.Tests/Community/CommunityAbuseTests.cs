using System.Net;
using DeliberationBot.Core.Community;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static DeliberationBot.Host.Tests.Community.CommunityVisitor;

namespace DeliberationBot.Host.Tests.Community;

/// <summary>Floods, revoked and full links, forged forms, robots and oversized answers: each gets a clear page, and nothing stored is lost.</summary>
public sealed partial class CommunityAbuseTests : IDisposable
{
    private const string Ws = CommunityPages.Ws;
    private readonly BotFactory _factory = new(new() { ["Community:RequestsPerAddress"] = "30", ["Community:RateWindow"] = "1.00:00:00" }, driven: true);
    private readonly HttpClient _http;
    private readonly ConversationRef _room = new("test", Ws, "C-ABUSE");
    private int _key;

    public CommunityAbuseTests()
    {
        _factory.CreateClient().Dispose(); // starts Kestrel, so its address is known
        _http = Browser(_factory);
    }

    private IDeliberationStore Store => _factory.Services.GetRequiredService<IDeliberationStore>();

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task A_burst_from_one_address_is_limited_with_a_friendly_page_and_what_was_answered_stays()
    {
        var link = await InviteAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(_http, link, "can-appeal", ("choice", "no"))).StatusCode); // 2 requests
        HttpResponseMessage last;
        var allowed = 2;
        while ((last = await _http.GetAsync(link.Page.PathAndQuery)).StatusCode == HttpStatusCode.OK)
        {
            allowed++;
        }

        Assert.Equal((30, HttpStatusCode.TooManyRequests), (allowed, last.StatusCode));
        Assert.Contains("Please wait a few minutes", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/healthz")).StatusCode); // the rest of the service is untouched
        Assert.Single(await Store.ListAnswersAsync(Ws, link.DeliberationId, default));
    }

    [Fact]
    public async Task A_revoked_link_stops_answers_at_once_and_keeps_those_given()
    {
        var link = await InviteAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(_http, link, "can-appeal", ("choice", "no"))).StatusCode);
        var form = await FormAsync(_http, link, "communities-asked");
        await RunAsync("invite revoke");

        using var late = await PostAsync(_http, link, "communities-asked", form, ("choice", "yes"));
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Contains("This page no longer takes answers", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("can-appeal", Assert.Single(await Store.ListAnswersAsync(Ws, link.DeliberationId, default)).QuestionId);
        Assert.Equal(HttpStatusCode.Gone, (await _http.GetAsync(link.Page.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task A_paused_link_says_so_and_answers_again_when_resumed()
    {
        var link = await InviteAsync();
        await RunAsync("invite pause");
        using var paused = await _http.GetAsync(link.Page.PathAndQuery);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, paused.StatusCode);
        Assert.Contains("Answers are paused for now", await paused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await RunAsync("invite resume");
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(_http, link, "can-appeal", ("choice", "yes"))).StatusCode);
    }

    [Fact]
    public async Task Forged_or_missing_antiforgery_tokens_are_refused_and_store_nothing()
    {
        var link = await InviteAsync();
        var form = await FormAsync(_http, link, "can-appeal");
        using var forged = await PostAsync(_http, link, "can-appeal", form with { Token = "CfDJ8forged" }, ("choice", "no"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // A real token from another visitor's browser does not fit this one's antiforgery cookie.
        using var other = Browser(_factory);
        var theirs = await FormAsync(other, link, "can-appeal");
        using var crossed = await PostAsync(_http, link, "can-appeal", form with { Token = theirs.Token }, ("choice", "no"));
        Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);

        using var bare = await _http.PostAsync(link.Page.PathAndQuery + "/q/can-appeal", new FormUrlEncodedContent([new("choice", "no")]));
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Empty(await Store.ListAnswersAsync(Ws, link.DeliberationId, default));
        Assert.Empty(await Store.ListParticipantsAsync(Ws, link.DeliberationId, default));
    }

    [Fact]
    public async Task A_robot_filling_the_hidden_field_and_an_oversized_answer_store_nothing()
    {
        var link = await InviteAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(_http, link, "can-appeal", ("choice", "no"), ("website", "https://spam.example"))).StatusCode);
        Assert.Empty(await Store.ListAnswersAsync(Ws, link.DeliberationId, default));

        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(_http, link, "can-appeal", ("choice", "no"))).StatusCode);
        using var tooLong = await AnswerAsync(_http, link, "appeal-what-would-change", ("text", new string('a', 2001)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Keep your answer under 2000 characters", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await AnswerAsync(_http, link, "communities-asked", ("choice", "maybe"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["can-appeal"], (await Store.ListAnswersAsync(Ws, link.DeliberationId, default)).Select(a => a.QuestionId));
    }

    [Fact]
    public async Task When_the_link_has_its_number_of_people_a_newcomer_is_told_and_those_in_can_still_change_answers()
    {
        var link = await InviteAsync("max:1");
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(_http, link, "can-appeal", ("choice", "no"))).StatusCode);
        using var newcomer = Browser(_factory);
        using var full = await newcomer.GetAsync(link.Page.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, full.StatusCode);
        Assert.Contains("all the answers it can take", await full.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(_http, link, "can-appeal", ("choice", "yes"))).StatusCode);
        Assert.Equal(["yes"], Assert.Single(await Store.ListAnswersAsync(Ws, link.DeliberationId, default)).Value.Choices);
    }

    [Fact]
    public async Task An_unknown_link_gets_a_page_saying_what_to_do()
    {
        using var response = await _http.GetAsync("/c/not-a-real-link");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This link does not work", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<CommunityInvitationLink> InviteAsync(string options = "")
    {
        await RunAsync("start quick-check \"Predictive screening for hotline calls\"");
        return Assert.IsType<CommunityInvitationLink>(await RunAsync("invite community " + options));
    }

    private async Task<OutgoingMessage> RunAsync(string text) =>
        (await _factory.Services.GetRequiredService<Core.Commands.CommandDispatcher>().HandleAsync(CommunityPages.Dana, _room, text, null, $"k{++_key}", default)).Replies.Single();
}
