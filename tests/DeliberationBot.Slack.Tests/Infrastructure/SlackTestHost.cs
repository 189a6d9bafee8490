using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Core;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>
/// The real HTTP pipeline on Kestrel (127.0.0.1, a free port): Core + the in-memory store + AddSlack/MapSlack, talking to
/// a <see cref="FakeSlackApi"/>. Requests are signed the way Slack signs them; time is a FakeTimeProvider.
/// </summary>
internal sealed class SlackTestHost : IAsyncDisposable
{
    public const string Secret = "test-signing-secret";

    private SlackTestHost(WebApplication app, FakeTimeProvider time, InMemoryStore store, ListLoggerProvider logs, FakeSlackApi api)
    {
        App = app;
        Time = time;
        Store = store;
        Logs = logs;
        Api = api;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryStore Store { get; }

    public ListLoggerProvider Logs { get; }

    public FakeSlackApi Api { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public static WebApplication Build(Dictionary<string, string?> settings, FakeTimeProvider time, InMemoryStore store, ListLoggerProvider logs, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.Services.AddDeliberationCore(Flows.Catalog, RandomNumberGenerator.GetBytes(32));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IDeliberationStore>(store);
        builder.Services.AddSingleton<IOutboxStore>(store);
        builder.Services.AddSingleton<ISlackThreadIndex>(store);
        builder.Services.AddSingleton<DeliberationBot.Core.Exports.IExportLinkSigner, TestExportLinkSigner>();
        builder.Services.AddSlack(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapSlack();
        return app;
    }

    public static async Task<SlackTestHost> StartAsync(FakeSlackApi api, Action<Dictionary<string, string?>>? settings = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = api.BaseUrl,
            ["Slack:TransientRetryDelay"] = "00:00:00",
        };
        settings?.Invoke(config);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var store = new InMemoryStore(time);
        var logs = new ListLoggerProvider();
        var app = Build(config, time, store, logs);
        await app.StartAsync();
        return new SlackTestHost(app, time, store, logs, api);
    }

    public static string Sign(string secret, string timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    public async Task<HttpResponseMessage> PostAsync(string contentType, string body, DateTimeOffset? at = null, string secret = Secret, Action<HttpRequestHeaders>? headers = null)
    {
        var ts = (at ?? Time.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/events") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", Sign(secret, ts, body));
        headers?.Invoke(request.Headers);
        return await Http.SendAsync(request);
    }

    public static string Form(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value).Replace("%20", "+", StringComparison.Ordinal)}"));

    public Task<HttpResponseMessage> CommandAsync(Dictionary<string, string> command) =>
        PostAsync("application/x-www-form-urlencoded", Form(command));

    public Task<HttpResponseMessage> CommandAsync(string text, string user = "U0USER", string userName = "tester", string? trigger = null) =>
        CommandAsync(SlackPayloads.Command(text, user, userName, trigger));

    public Task<HttpResponseMessage> InteractionAsync(JsonObject payload) =>
        PostAsync("application/x-www-form-urlencoded", Form([new("payload", payload.ToJsonString())]));

    public Task<HttpResponseMessage> EventAsync(JsonObject envelope, Action<HttpRequestHeaders>? headers = null) =>
        PostAsync("application/json", envelope.ToJsonString(), headers: headers);

    /// <summary>Sends everything due, as the outbox worker would, without waiting for it.</summary>
    public async Task<int> DispatchOutboxAsync()
    {
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        var total = 0;
        int sent;
        while ((sent = await dispatcher.DispatchDueAsync(CancellationToken.None)) > 0)
        {
            total += sent;
        }

        return total;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"expected a JSON body, got status {(int)response.StatusCode} and nothing");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
