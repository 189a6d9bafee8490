using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Core;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Installation;
using DeliberationBot.Teams.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>
/// The real HTTP pipeline on Kestrel (127.0.0.1, a free port): Core with the in-memory stores, AddTeams/MapTeams,
/// pointed at a <see cref="FakeBotFramework"/> for signing keys, tokens and the connector. Requests carry JWTs signed
/// by a key the fake publishes with the "msteams" endorsement.
/// </summary>
internal sealed class TeamsTestHost : IAsyncDisposable
{
    public const string AppId = "5b8a3e3c-1f6b-4c6e-9a53-0d6c2a7f0b11";
    public const string BotId = "28:" + AppId;
    public const string HomeTenant = "0f3c2a1b-0000-4000-8000-000000000001";

    private TeamsTestHost(WebApplication app, FakeBotFramework fake, SigningKey key, InMemoryStore store, InMemoryReferenceStore references, ListLoggerProvider logs)
    {
        App = app;
        Fake = fake;
        Key = key;
        Store = store;
        References = references;
        Logs = logs;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }

    public FakeBotFramework Fake { get; }

    public SigningKey Key { get; }

    public InMemoryStore Store { get; }

    public InMemoryReferenceStore References { get; }

    public ListLoggerProvider Logs { get; }

    public HttpClient Http { get; }

    public string ServiceUrl => Fake.ServiceUrl;

    public static Dictionary<string, string?> Settings(FakeBotFramework fake) => new()
    {
        ["Teams:AppId"] = AppId,
        ["Teams:AppPassword"] = "test-client-secret",
        ["Teams:AppType"] = "SingleTenant",
        ["Teams:TenantId"] = HomeTenant,
        ["Teams:OpenIdMetadataUrl"] = fake.MetadataUrl,
        ["Teams:TokenAuthority"] = fake.HttpsUrl,
        ["Teams:AllowLoopbackServiceUrl"] = "true",
        ["Teams:MaxInlineRetryAfter"] = "00:00:02",
    };

    /// <summary>The app, built but not started, so start-up failures can be observed.</summary>
    public static WebApplication Build(
        FakeBotFramework fake, Dictionary<string, string?> settings, string environment, InMemoryStore store, InMemoryReferenceStore? references, ListLoggerProvider logs)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.Services.AddDeliberationCore(Flows.Catalog, RandomNumberGenerator.GetBytes(32));
        builder.Services.AddSingleton<IDeliberationStore>(store);
        builder.Services.AddSingleton<IOutboxStore>(store);
        builder.Services.AddSingleton<DeliberationBot.Core.Scheduling.IScheduleStore>(store);
        builder.Services.AddSingleton<DeliberationBot.Core.Exports.IExportLinkSigner>(new TestExportLinkSigner(TimeProvider.System));
        if (references is not null)
        {
            builder.Services.AddSingleton<IConversationReferenceStore>(references);
        }

        builder.Services.AddTeams(builder.Configuration, builder.Environment);

        // MSAL talks to the fake's https token endpoint, whose certificate this test made.
        var thumbprint = fake.Certificate.Thumbprint;
        builder.Services.AddHttpClient(MsalBotTokenProvider.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint });
        var app = builder.Build();
        app.MapTeams();
        return app;
    }

    public static async Task<TeamsTestHost> StartAsync(
        FakeBotFramework fake,
        Action<Dictionary<string, string?>>? configure = null,
        string environment = "Production",
        InMemoryReferenceStore? references = null,
        InMemoryStore? store = null)
    {
        var key = new SigningKey("key-" + Guid.NewGuid().ToString("N")[..8], "msteams");
        fake.PublishedKeys.Add(key);
        var settings = Settings(fake);
        configure?.Invoke(settings);
        store ??= new InMemoryStore(TimeProvider.System);
        references ??= new InMemoryReferenceStore();
        var logs = new ListLoggerProvider();
        var app = Build(fake, settings, environment, store, references, logs);
        await app.StartAsync();
        return new TeamsTestHost(app, fake, key, store, references, logs);
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

    /// <summary>POSTs and expects 200.</summary>
    public async Task<JsonObject?> SendAsync(JsonObject activity)
    {
        using var response = await PostAsync(activity);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"expected 2xx, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Sends everything due, as the outbox worker would; returns the connector calls it made.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> DispatchAsync()
    {
        var before = Fake.Calls.Count;
        var dispatcher = App.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchDueAsync(CancellationToken.None) > 0)
        {
        }

        return [.. Fake.Calls.Skip(before)];
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
