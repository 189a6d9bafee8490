using System.Net;
using System.Text.Json.Nodes;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Slack.Tests.Inbound;

/// <summary>The edge: verification, malformed and oversized bodies, url_verification, start-up validation.</summary>
public sealed class HttpEndpointTests : IAsyncLifetime
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

    private const string StartText = "start quick-check \"Predictive screening\"";

    [Fact]
    public async Task A_bad_signature_gets_401_and_nothing_is_stored_or_sent()
    {
        var body = SlackTestHost.Form(SlackPayloads.Command(StartText));
        var response = await _host.PostAsync("application/x-www-form-urlencoded", body, secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Store.Deliberations);
        Assert.Empty(_host.Store.Outbox);
        Assert.Equal(0, await _host.DispatchOutboxAsync());
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
        Assert.Empty(_host.Store.Deliberations);
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
        Assert.Empty(_host.Store.Outbox);
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
    public async Task With_Slack_enabled_and_no_signing_secret_the_service_refuses_to_start()
    {
        var settings = new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxb-1", ["Slack:SigningSecret"] = "" };
        var time = new FakeTimeProvider();
        await using var app = SlackTestHost.Build(settings, time, new InMemoryStore(time), new ListLoggerProvider());

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Slack:SigningSecret is required", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Slack:BotToken", "xoxp-user-token", "must be a bot token starting with 'xoxb-'")]
    [InlineData("Slack:AppToken", "xoxb-wrong-kind", "must be an app-level token starting with 'xapp-'")]
    [InlineData("Slack:ApiBaseUrl", "slack.com/api", "must be an absolute http(s) URL")]
    public async Task Tokens_of_the_wrong_kind_stop_start_up_with_a_message_naming_the_setting(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxb-1", ["Slack:SigningSecret"] = "s", [key] = value };
        var time = new FakeTimeProvider();
        await using var app = SlackTestHost.Build(settings, time, new InMemoryStore(time), new ListLoggerProvider());

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_bot_token_or_client_id_Slack_is_off_maps_nothing_and_says_so_once()
    {
        var time = new FakeTimeProvider();
        var logs = new ListLoggerProvider();
        await using var app = SlackTestHost.Build(new Dictionary<string, string?>(), time, new InMemoryStore(time), logs);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var response = await http.PostAsync("/api/slack/events", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(logs.Entries, e => e.Message.Contains("Slack is off", StringComparison.Ordinal));
        await app.StopAsync();
    }
}
