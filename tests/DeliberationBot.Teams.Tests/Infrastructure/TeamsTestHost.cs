using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Channels;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Scheduling;
using DeliberationBot.Teams.Installation;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>
/// One running service for a test: the real host over a <see cref="TestDatabase"/>, pointed at a
/// <see cref="FakeBotFramework"/> for signing keys, tokens and the connector. Requests carry JWTs signed by a key the
/// fake publishes with the "msteams" endorsement. The outbox worker sends in the background; <see cref="SentAsync"/>
/// waits until it has sent everything due and returns what reached the connector.
/// </summary>
internal sealed class TeamsTestHost : IAsyncDisposable
{
    public const string AppId = "5b8a3e3c-1f6b-4c6e-9a53-0d6c2a7f0b11";
    public const string BotId = "28:" + AppId;
    public const string HomeTenant = "0f3c2a1b-0000-4000-8000-000000000001";

    /// <summary>The outbox worker's poll interval: a wait of exactly this long on the clock means the worker is idle.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(4321);

    private readonly TeamsFactory _factory;
    private int _seen;
    private bool _disposed;

    private TeamsTestHost(TeamsFactory factory, FakeBotFramework fake, TestDatabase db, SigningKey key)
    {
        _factory = factory;
        Fake = fake;
        Db = db;
        Key = key;
        // A plain client on the server's address: the factory's own client parses headers on the way and would tidy a
        // malformed Authorization header that a test sends on purpose.
        using (var client = factory.CreateClient())
        {
            Http = new HttpClient { BaseAddress = client.BaseAddress };
        }

        _seen = fake.Calls.Count;
    }

    public FakeBotFramework Fake { get; }

    public TestDatabase Db { get; }

    public SigningKey Key { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _factory.Services;

    public TestClock Clock => _factory.Clock;

    public ListLoggerProvider Logs => _factory.Logs;

    public string ServiceUrl => Fake.ServiceUrl;

    public IDeliberationStore Store => Services.GetRequiredService<IDeliberationStore>();

    public IConversationReferenceStore References => Services.GetRequiredService<IConversationReferenceStore>();

    public IChannelStateStore ChannelState => Services.GetRequiredService<IChannelStateStore>();

    public IScheduleStore Schedule => Services.GetRequiredService<IScheduleStore>();

    public static Dictionary<string, string?> Settings(FakeBotFramework fake, TestDatabase db) => new(db.StorageSettings())
    {
        ["Privacy:PseudonymKey"] = db.PseudonymKey,
        ["Flows:Directory"] = Repository.FlowsDirectory,
        ["Outbox:PollInterval"] = PollInterval.ToString("c", CultureInfo.InvariantCulture),
        ["Teams:AppId"] = AppId,
        ["Teams:AppPassword"] = "test-client-secret",
        ["Teams:AppType"] = "SingleTenant",
        ["Teams:TenantId"] = HomeTenant,
        ["Teams:OpenIdMetadataUrl"] = fake.MetadataUrl,
        ["Teams:TokenAuthority"] = fake.HttpsUrl,
        ["Teams:AllowLoopbackServiceUrl"] = "true",
        ["Teams:MaxInlineRetryAfter"] = "00:00:02",
    };

    public static async Task<TeamsTestHost> StartAsync(FakeBotFramework fake, TestDatabase db, Action<Dictionary<string, string?>>? configure = null, string environment = "Production")
    {
        var key = new SigningKey("key-" + Guid.NewGuid().ToString("N")[..8], "msteams");
        fake.PublishedKeys.Add(key);
        var settings = Settings(fake, db);
        configure?.Invoke(settings);
        var factory = new TeamsFactory(fake, settings, environment);
        factory.StartServer();
        var host = new TeamsTestHost(factory, fake, db, key);
        await host.SentAsync(); // start-up's own pass, so each test's window starts empty
        return host;
    }

    public string Token() => Key.Token(ServiceUrl);

    /// <summary>POSTs an activity with a valid token (unless <paramref name="token"/> says otherwise; "" sends none).</summary>
    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null, string? rawBody = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(rawBody ?? activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        token ??= Token();
        if (token.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token.StartsWith("Bearer", StringComparison.Ordinal) || token.Contains(' ', StringComparison.Ordinal) ? token : "Bearer " + token);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>POSTs and expects 2xx; returns the body of an invoke's answer.</summary>
    public async Task<JsonObject?> SendAsync(JsonObject activity)
    {
        using var response = await PostAsync(activity);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"expected 2xx, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>
    /// Waits until the outbox worker, woken now, has gone back to waiting with nothing due and nothing in hand; returns
    /// the connector calls since the last time this was asked (turns' own calls, such as roster look-ups, included).
    /// </summary>
    public async Task<IReadOnlyList<ConnectorCall>> SentAsync(TimeSpan? timeout = null)
    {
        await IdleAsync(timeout);
        var calls = Fake.Calls;
        var fresh = calls.Skip(_seen).ToList();
        _seen = calls.Count;
        return fresh;
    }

    /// <summary>
    /// Moves the service's clock on once the outbox worker is idle (<see cref="SentAsync"/>'s condition, without taking
    /// the calls). A send in flight measures its time-out on this clock: moved under it, a call that took no time would
    /// time out (a post then counts as maybe delivered and is not sent again), and the retry of a call that is safe to
    /// repeat would wait on a clock that nothing moves any more, so the outbox would never settle.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        await IdleAsync(null);
        Clock.Advance(by);
    }

    /// <summary>The outbox worker, woken now, has gone back to waiting with nothing due and nothing in hand.</summary>
    private async Task IdleAsync(TimeSpan? timeout)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        var signal = Services.GetRequiredService<OutboxSignal>();
        do
        {
            var idle = Clock.Waits(PollInterval);
            signal.Notify();
            await Clock.WaitForWaitAsync(PollInterval, idle, cts.Token);
        }
        while (!await Db.OutboxSettledAsync(Clock.GetUtcNow()));
    }

    /// <summary>The only deliberation stored, read through the store.</summary>
    public async Task<Deliberation> SingleDeliberationAsync() =>
        (await Store.FindAsync(Activities.Tenant, Assert.Single(await Db.DeliberationIdsAsync()), CancellationToken.None))!;

    public async Task<Deliberation> DeliberationAsync(Guid id) => (await Store.FindAsync(Activities.Tenant, id, CancellationToken.None))!;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Http.Dispose();
        await _factory.DisposeAsync();
    }
}
