using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>
/// A started <see cref="SlackFactory"/> with what tests do to it: send requests signed the way Slack signs them, read
/// state through the public ports (and raw SQL for outbox rows), and wait for the background outbox to settle.
/// </summary>
internal sealed class SlackTestHost : IAsyncDisposable
{
    public const string Secret = SlackFactory.Secret;

    private SlackTestHost(SlackFactory factory, FakeSlackApi api)
    {
        Factory = factory;
        Api = api;
        Http = factory.CreateClient();
        Db = new Database(factory.DatabasePath, factory.PostgresConnectionString);
    }

    public SlackFactory Factory { get; }

    public FakeTimeProvider Time => Factory.Time;

    public ListLoggerProvider Logs => Factory.Logs;

    public FakeSlackApi Api { get; }

    public HttpClient Http { get; }

    public Database Db { get; }

    public IServiceProvider Services => Factory.Services;

    public IDeliberationStore Store => Services.GetRequiredService<IDeliberationStore>();

    public IOutboxStore Outbox => Services.GetRequiredService<IOutboxStore>();

    public AnsweringService Answering => Services.GetRequiredService<AnsweringService>();

    /// <summary>Starts the real service (Kestrel on a free loopback port) against <paramref name="api"/>.</summary>
    public static Task<SlackTestHost> StartAsync(FakeSlackApi api, Action<Dictionary<string, string?>>? settings = null, Action<IServiceCollection>? services = null)
    {
        var factory = new SlackFactory(api.BaseUrl, settings, services);
        try
        {
            return Task.FromResult(new SlackTestHost(factory, api));
        }
        catch
        {
            factory.Dispose();
            throw;
        }
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

    /// <summary>Sends a "start ..." command and returns the deliberation it started.</summary>
    public async Task<Deliberation> StartDeliberationAsync(string command, string user = "U0USER", string userName = "tester")
    {
        await CommandAsync(command, user, userName);
        return await DeliberationAsync();
    }

    /// <summary>
    /// Presses Answer on the deliberation's card as <paramref name="user"/> and chooses <paramref name="group"/> in the
    /// modal that opens (the <paramref name="opened"/>th views.open so far); returns the view that follows, the first question.
    /// </summary>
    public async Task<JsonObject> JoinInModalAsync(Deliberation d, string user, string group, string viewId, string hash, int opened = 1)
    {
        await InteractionAsync(SlackPayloads.BlockAction("answer", d.Id.ToString(), user));
        var groupView = Modals.ViewOf(await Api.WaitForAsync("views.open", opened));
        return await Modals.UpdatedViewAsync(await InteractionAsync(SlackPayloads.ViewSubmission(groupView,
            Modals.Values(("group", SlackPayloads.Input("static_select", SlackPayloads.Option(group)))), user, viewId, hash)));
    }

    public Task<HttpResponseMessage> InteractionAsync(JsonObject payload) =>
        PostAsync("application/x-www-form-urlencoded", Form([new("payload", payload.ToJsonString())]));

    public Task<HttpResponseMessage> EventAsync(JsonObject envelope, Action<HttpRequestHeaders>? headers = null) =>
        PostAsync("application/json", envelope.ToJsonString(), headers: headers);

    /// <summary>The newest deliberation of a conversation, read through the store's port.</summary>
    public async Task<Deliberation> DeliberationAsync(string channel = SlackPayloads.Channel, string team = SlackPayloads.Team) =>
        await Store.FindLatestAsync(team, "slack", channel, default) ?? throw new InvalidOperationException($"No deliberation in {team}/{channel}.");

    public Task<IReadOnlyList<Answer>> AnswersAsync(Deliberation d) => Store.ListAnswersAsync(d.WorkspaceId, d.Id, default);

    public Task<IReadOnlyList<DeliberationEvent>> EventsAsync(Deliberation d) => Store.ListEventsAsync(d.WorkspaceId, d.Id, default);

    /// <summary>
    /// The deliberation's card as posted: once the outbox has settled, the chat.postMessage whose message the store
    /// remembers for the card's slot (so replies in its thread are routed to the deliberation).
    /// </summary>
    public async Task<PostedMessage> CardAsync(Deliberation d)
    {
        await SettleOutboxAsync();
        foreach (var call in Api.CallsTo("chat.postMessage").Where(c => c.Response.Contains("\"ok\":true", StringComparison.Ordinal)))
        {
            var posted = new PostedMessage(call.ResponseJson.GetProperty("channel").GetString()!, call.ResponseJson.GetProperty("ts").GetString()!);
            if (await Outbox.FindSlotAsync(d.WorkspaceId, posted.ConversationId, posted.MessageId, default) == d.CardSlot)
            {
                return posted;
            }
        }

        throw new InvalidOperationException($"The card of {d.Id} was not posted.");
    }

    /// <summary>One pass of sending due messages, as the worker does; returns how many this pass took (the worker may take others).</summary>
    public Task<int> DispatchOnceAsync() => Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

    /// <summary>
    /// Sends what is due (beside the background worker) and waits, woken by each outbox change, until nothing is due
    /// now: every due message was delivered, failed or rescheduled.
    /// </summary>
    public async Task SettleOutboxAsync(int timeoutSeconds = 90)
    {
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            var changed = Factory.OutboxChanges.Next;
            while (await dispatcher.DispatchDueAsync(timeout.Token) > 0)
            {
                // Keep going while there is work.
            }

            if (await Db.DueAsync(Time.GetUtcNow()) == 0)
            {
                return;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                var rows = await Db.OutboxAsync();
                throw new TimeoutException("The outbox did not settle: " + string.Join("; ", rows.Select(r => $"{r.Status} {r.NextAttemptAt:O} {r.LastError}")));
            }
        }
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
        await Factory.DisposeAsync();
    }
}
