using System.Net;
using System.Text.Json.Nodes;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Slack.Tests.Inbound;

/// <summary>
/// The edge: verification, malformed and oversized bodies, url_verification, start-up validation. Every case here is
/// refused or answered without storing anything, so the class shares one running service.
/// </summary>
public sealed class HttpEndpointTests(SlackHostFixture fixture) : IClassFixture<SlackHostFixture>
{
    private readonly FakeSlackApi _api = fixture.Api;
    private readonly SlackTestHost _host = fixture.Host;

    private const string StartText = "start quick-check \"Predictive screening\"";

    [Fact]
    public async Task A_bad_signature_gets_401_and_nothing_is_stored_or_sent()
    {
        var body = SlackTestHost.Form(SlackPayloads.Command(StartText));
        var response = await _host.PostAsync("application/x-www-form-urlencoded", body, secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await _host.Db.CountAsync("deliberations"));
        Assert.Empty(await _host.Db.OutboxAsync());
        Assert.Equal(0, await _host.DispatchOnceAsync());
        Assert.Empty(_api.Calls);
        Assert.Contains(_host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("BadSignature", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public async Task A_timestamp_more_than_five_minutes_off_gets_401(int minutes)
    {
        var body = SlackTestHost.Form(SlackPayloads.Command(StartText));
        var response = await _host.PostAsync("application/x-www-form-urlencoded", body, at: _host.Time.GetUtcNow().AddMinutes(minutes));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await _host.Db.CountAsync("deliberations"));
    }

    [Fact]
    public async Task A_request_without_signature_headers_gets_401()
    {
        using var content = new StringContent(SlackTestHost.Form(SlackPayloads.Command("help")), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await _host.Http.PostAsync("/api/slack/events", content);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Url_verification_returns_the_challenge()
    {
        var response = await _host.EventAsync(new JsonObject { ["token"] = "x", ["challenge"] = "challenge-abc123", ["type"] = "url_verification" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("challenge-abc123", (await SlackTestHost.JsonAsync(response)).GetProperty("challenge").GetString());
    }

    [Theory]
    [InlineData("application/json", "{not json")]
    [InlineData("application/json", "[1,2]")]
    [InlineData("application/json", "{\"type\":\"event_callback\",\"team_id\":\"T0TEST\"}")]
    [InlineData("application/x-www-form-urlencoded", "team_id=T0TEST&user_id=U1")]
    [InlineData("application/x-www-form-urlencoded", "payload=%7Bbroken")]
    [InlineData("application/x-www-form-urlencoded", "command=%2Fdeliberate&text=help")]
    [InlineData("text/plain", "hello")]
    public async Task A_signed_but_malformed_body_gets_400_is_logged_and_changes_nothing(string contentType, string body)
    {
        var response = await _host.PostAsync(contentType, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await _host.Db.OutboxAsync());
        Assert.Equal(0, await _host.Db.CountAsync("processed_deliveries"));
        Assert.Empty(_api.Calls);
        Assert.Contains(_host.Logs.Entries, e => e.Message.Contains("malformed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_oversized_body_gets_400_before_anything_else()
    {
        var huge = "text=" + new string('a', 1024 * 1024 + 10);
        var response = await _host.PostAsync("application/x-www-form-urlencoded", huge);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(_host.Logs.Entries, e => e.Message.Contains("over 1048576 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ssl_check_is_answered_with_200()
    {
        var response = await _host.PostAsync("application/x-www-form-urlencoded", "ssl_check=1&token=x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void With_Slack_enabled_and_no_signing_secret_the_service_refuses_to_start()
    {
        using var factory = new SlackFactory(_api.BaseUrl, s => s["Slack:SigningSecret"] = "", kestrel: false);

        var e = Assert.IsType<OptionsValidationException>(StartFailure(factory));
        Assert.Contains("Slack:SigningSecret is required", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Slack:BotToken", "xoxp-user-token", "must be a bot token starting with 'xoxb-'")]
    [InlineData("Slack:AppToken", "xoxb-wrong-kind", "must be an app-level token starting with 'xapp-'")]
    [InlineData("Slack:ApiBaseUrl", "slack.com/api", "must be an absolute http(s) URL")]
    [InlineData("Slack:ClientId", "123.456", "Slack:ClientSecret is required when Slack:ClientId is set")]
    [InlineData("Slack:ClientSecret", "s3cret", "Slack:ClientId is required when Slack:ClientSecret is set")]
    [InlineData("Slack:RedirectUrl", "/api/slack/oauth/callback", "Slack:RedirectUrl must be an absolute http(s) URL")]
    public void Settings_of_the_wrong_kind_stop_start_up_with_a_message_naming_the_setting(string key, string value, string message)
    {
        using var factory = new SlackFactory(_api.BaseUrl, s => s[key] = value, kestrel: false);

        var e = Assert.IsType<OptionsValidationException>(StartFailure(factory));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_bot_token_or_client_id_Slack_is_off_maps_nothing_and_says_so_once()
    {
        using var factory = new SlackFactory(_api.BaseUrl, s => s["Slack:BotToken"] = "");
        using var http = factory.CreateClient();

        var response = await http.PostAsync("/api/slack/events", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/slack/install")).StatusCode);
        Assert.Single(factory.Logs.Entries, e => e.Message.Contains("Slack is off", StringComparison.Ordinal));
    }

    /// <summary>
    /// Starting the host fails; returns the exception the host itself reported ("Hosting failed to start"). What
    /// CreateClient throws can be an ObjectDisposedException instead: the factory may read the services of a host its
    /// entry point has already disposed after the failure.
    /// </summary>
    private static Exception StartFailure(SlackFactory factory)
    {
        var thrown = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var reported = factory.Logs.Entries.LastOrDefault(e => e.Message == "Hosting failed to start")?.Exception;
        return reported ?? thrown;
    }
}
