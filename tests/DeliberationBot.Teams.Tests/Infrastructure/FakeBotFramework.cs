using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>
/// The Bot Framework on 127.0.0.1: the channel's OpenID metadata and JWKS (with endorsements), a recording Bot
/// Connector (send, reply, update, create conversation, roster) that can be told to fail, an MSAL-compatible token
/// endpoint on https with a certificate made for the test, and an App Service managed-identity endpoint (the one MSAL
/// calls when IDENTITY_ENDPOINT and IDENTITY_HEADER are set) on http, as App Service serves it.
/// </summary>
internal sealed class FakeBotFramework : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<string> _tokenRequests = new();
    private readonly ConcurrentQueue<ManagedIdentityRequest> _managedIdentityRequests = new();
    private readonly List<Failure> _failures = [];
    private readonly List<(Func<ConnectorCall, bool> Match, TaskCompletionSource Release)> _holds = [];
    private int _nextId;
    private TaskCompletionSource _arrived = NewSignal();

    private FakeBotFramework(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The keys published in the JWKS (change it to rotate keys).</summary>
    public List<SigningKey> PublishedKeys { get; } = [];

    /// <summary>People the roster knows, by Teams id or Entra object id.</summary>
    public ConcurrentDictionary<string, JsonObject> Roster { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public string HttpsUrl { get; private set; } = "";

    public string ServiceUrl => BaseUrl + "/connector/";

    public string MetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    public int MetadataRequests { get; private set; }

    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    public IReadOnlyList<string> TokenRequests => [.. _tokenRequests];

    /// <summary>The value for IDENTITY_ENDPOINT: App Service's local token endpoint.</summary>
    public string ManagedIdentityEndpoint => BaseUrl + "/msi/token";

    /// <summary>The value for IDENTITY_HEADER: the secret App Service expects back in X-IDENTITY-HEADER (others get 401).</summary>
    public string ManagedIdentityHeader { get; } = "identity-header-" + Guid.NewGuid().ToString("N");

    /// <summary>The access token the managed-identity endpoint hands out (not the client-credentials one).</summary>
    public string ManagedIdentityAccessToken { get; } = "managed-identity-token-" + Guid.NewGuid().ToString("N")[..8];

    public IReadOnlyList<ManagedIdentityRequest> ManagedIdentityRequests => [.. _managedIdentityRequests];

    public static async Task<FakeBotFramework> StartAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate));
        });
        var app = builder.Build();
        var fake = new FakeBotFramework(app, certificate);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var urls = app.Urls.ToList();
        fake.BaseUrl = urls.Single(u => u.StartsWith("http://", StringComparison.Ordinal));
        fake.HttpsUrl = urls.Single(u => u.StartsWith("https://", StringComparison.Ordinal));
        return fake;
    }

    /// <summary>The next <paramref name="times"/> connector calls matching <paramref name="match"/> fail with this status.</summary>
    public void Fail(Func<ConnectorCall, bool> match, HttpStatusCode status, TimeSpan? retryAfter = null, int times = 1, string? errorCode = null)
    {
        lock (_failures)
        {
            _failures.Add(new Failure(match, status, retryAfter, times, errorCode));
        }
    }

    /// <summary>Calls fail no more: what <see cref="Fail"/> set and has not been used up is dropped.</summary>
    public void ClearFailures()
    {
        lock (_failures)
        {
            _failures.Clear();
        }
    }

    /// <summary>
    /// The next connector call matching <paramref name="match"/> is recorded at once but answered only when the returned
    /// source is completed: a send that stays in flight as long as a test needs.
    /// </summary>
    public TaskCompletionSource Hold(Func<ConnectorCall, bool> match)
    {
        var release = NewSignal();
        lock (_holds)
        {
            _holds.Add((match, release));
        }

        return release;
    }

    /// <summary>Conversations with a roster of their own (a group chat, a private channel): only these people are found in them.</summary>
    public ConcurrentDictionary<string, HashSet<string>> ConversationRosters { get; } = new();

    /// <summary>Makes <paramref name="conversationId"/>'s roster these people alone; each is also in the tenant's roster.</summary>
    public void RosterOf(string conversationId, params Person[] members)
    {
        foreach (var member in members)
        {
            AddToRoster(member);
        }

        ConversationRosters[conversationId] = [.. members.SelectMany(m => new[] { m.TeamsId, m.AadId })];
    }

    public void AddToRoster(Person person) =>
        Roster[person.TeamsId] = Roster[person.AadId] = new JsonObject { ["id"] = person.TeamsId, ["name"] = person.Name, ["aadObjectId"] = person.AadId };

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == "/v1/.well-known/openidconfiguration")
        {
            MetadataRequests++;
            await context.Response.WriteAsJsonAsync(new { issuer = "https://api.botframework.com", jwks_uri = BaseUrl + "/v1/.well-known/keys" });
        }
        else if (path == "/v1/.well-known/keys")
        {
            var keys = new JsonArray([.. PublishedKeys.Select(k => (JsonNode)k.Jwk())]);
            await context.Response.WriteAsync(new JsonObject { ["keys"] = keys }.ToJsonString());
        }
        else if (path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) && context.Request.IsHttps)
        {
            var form = await context.Request.ReadFormAsync();
            _tokenRequests.Enqueue(path + "?" + string.Join("&", form.Select(f => $"{f.Key}={f.Value}")));
            await context.Response.WriteAsJsonAsync(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = "connector-token" });
        }
        else if (path == "/msi/token")
        {
            await ManagedIdentityAsync(context);
        }
        else if (path.StartsWith("/connector/v3/conversations", StringComparison.Ordinal))
        {
            await ConnectorAsync(context, path["/connector".Length..]);
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    /// <summary>
    /// App Service's managed-identity protocol (api-version 2019-08-01): GET with resource and client_id in the query and
    /// the secret in X-IDENTITY-HEADER; the answer's expires_on is in Unix seconds.
    /// </summary>
    private async Task ManagedIdentityAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var header = context.Request.Headers["X-IDENTITY-HEADER"].ToString();
        _managedIdentityRequests.Enqueue(new ManagedIdentityRequest(
            context.Request.Method, query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal), header.Length > 0 ? header : null));
        if (header != ManagedIdentityHeader)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { statusCode = 401, message = "No X-IDENTITY-HEADER, or the wrong one." });
            return;
        }

        var expiresOn = TimeProvider.System.GetUtcNow().AddHours(1).ToUnixTimeSeconds(); // MSAL judges expiry by the real clock
        await context.Response.WriteAsJsonAsync(new
        {
            access_token = ManagedIdentityAccessToken,
            expires_on = expiresOn.ToString(CultureInfo.InvariantCulture),
            resource = query["resource"].ToString(),
            token_type = "Bearer",
            client_id = query["client_id"].ToString(),
        });
    }

    private async Task ConnectorAsync(HttpContext context, string path)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.Length > 0 ? JsonNode.Parse(buffer.ToArray())?.AsObject() : null;
        var call = new ConnectorCall(context.Request.Method, path, raw, body, (int)buffer.Length, context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null);
        var failure = TakeFailure(call);
        if (failure is null)
        {
            Answer(call);
        }

        _calls.Enqueue(call);
        Interlocked.Exchange(ref _arrived, NewSignal()).TrySetResult();
        if (TakeHold(call) is { } held)
        {
            await held;
        }

        if (failure is not null)
        {
            context.Response.StatusCode = (int)failure.Status;
            if (failure.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            context.Response.Headers["X-Correlating-OperationId"] = "op-" + Interlocked.Increment(ref _nextId);
            await context.Response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = failure.ErrorCode ?? failure.Status.ToString(), ["message"] = "simulated" } }.ToJsonString());
            return;
        }

        context.Response.Headers["X-Correlating-OperationId"] = "op-" + Interlocked.Increment(ref _nextId);
        if (call.IsCreateConversation)
        {
            var member = body?["members"]?[0]?["id"]?.GetValue<string>() ?? "unknown";
            context.Response.StatusCode = 201;
            await context.Response.WriteAsync(new JsonObject { ["id"] = "a:1on1-" + member }.ToJsonString());
        }
        else if (context.Request.Method == "GET" && path.EndsWith("/pagedmembers", StringComparison.Ordinal))
        {
            // A conversation with a roster of its own lists its people; any other, everyone on the tenant's roster.
            var conversationId = Uri.UnescapeDataString(path.Split('/')[^2]);
            var everyone = Roster.Values.DistinctBy(m => (string?)m["id"]).OrderBy(m => (string?)m["id"], StringComparer.Ordinal).ToList();
            var members = ConversationRosters.TryGetValue(conversationId, out var own) ? everyone.Where(m => own.Contains((string)m["id"]!)).ToList() : everyone;
            var from = int.TryParse(context.Request.Query["continuationToken"], out var offset) ? offset : 0;
            var size = int.TryParse(context.Request.Query["pageSize"], out var s) ? s : 200;
            var page = new JsonObject { ["members"] = new JsonArray([.. members.Skip(from).Take(size).Select(m => m.DeepClone())]) };
            if (from + size < members.Count)
            {
                page["continuationToken"] = (from + size).ToString(CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsync(page.ToJsonString());
        }
        else if (context.Request.Method == "GET" && path.Contains("/members/", StringComparison.Ordinal))
        {
            var user = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
            var conversationId = Uri.UnescapeDataString(path.Split('/')[^3]);
            var inConversation = !ConversationRosters.TryGetValue(conversationId, out var own) || own.Contains(user);
            if (inConversation && Roster.TryGetValue(user, out var member))
            {
                await context.Response.WriteAsync(member.ToJsonString());
            }
            else
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("""{"error":{"code":"MemberNotFoundInConversation","message":"not found"}}""");
            }
        }
        else if (call.IsUpdate)
        {
            await context.Response.WriteAsync(new JsonObject { ["id"] = call.ActivityId }.ToJsonString());
        }
        else
        {
            context.Response.StatusCode = 201;
            await context.Response.WriteAsync(new JsonObject { ["id"] = call.ResponseId }.ToJsonString());
        }
    }

    /// <summary>Gives a posted activity its id before the call is visible to tests.</summary>
    private void Answer(ConnectorCall call)
    {
        if (call.IsPost)
        {
            call.ResponseId = "act-" + Interlocked.Increment(ref _nextId);
        }
    }

    /// <summary>Waits (up to <paramref name="timeout"/>, 30 s by default) until <paramref name="count"/> calls match, and returns them.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForAsync(Func<ConnectorCall, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var arrived = Volatile.Read(ref _arrived).Task;
            var found = Calls.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            await arrived.WaitAsync(cts.Token);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task? TakeHold(ConnectorCall call)
    {
        lock (_holds)
        {
            var index = _holds.FindIndex(h => h.Match(call));
            if (index < 0)
            {
                return null;
            }

            var release = _holds[index].Release;
            _holds.RemoveAt(index);
            return release.Task;
        }
    }

    private Failure? TakeFailure(ConnectorCall call)
    {
        lock (_failures)
        {
            var failure = _failures.FirstOrDefault(f => f.Remaining > 0 && f.Match(call));
            if (failure is not null)
            {
                failure.Remaining--;
            }

            return failure;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
        foreach (var key in PublishedKeys)
        {
            key.Dispose();
        }
    }

    private sealed class Failure(Func<ConnectorCall, bool> match, HttpStatusCode status, TimeSpan? retryAfter, int times, string? errorCode)
    {
        public Func<ConnectorCall, bool> Match { get; } = match;

        public HttpStatusCode Status { get; } = status;

        public TimeSpan? RetryAfter { get; } = retryAfter;

        public string? ErrorCode { get; } = errorCode;

        public int Remaining { get; set; } = times;
    }
}
