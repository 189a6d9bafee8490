using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack.Tests.Infrastructure;

internal sealed record RecordedCall(string Method, string? Authorization, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>What the fake answered (JSON), e.g. the ts of a posted message.</summary>
    public string Response { get; set; } = "";

    public JsonElement ResponseJson => JsonDocument.Parse(Response).RootElement;

    /// <summary>Every string value in the JSON body, decoded, one per line: what Slack would read.</summary>
    public string Strings => string.Join("\n", StringsOf(Json));

    public static IEnumerable<string> StringsOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => StringsOf(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(StringsOf),
        _ => [],
    };

    public string? Form(string name) => QueryHelpers.ParseQuery(Body).TryGetValue(name, out var v) ? v.ToString() : null;
}

/// <param name="Processed">The call takes effect (a message is posted) even though the answer says otherwise: a lost or failed response.</param>
internal sealed record FakeResponse(int Status, string Body, string? RetryAfter = null, bool Processed = false)
{
    /// <summary>Slack posts the message, then the response is an HTTP error (a proxy's 500, a timeout on the way back).</summary>
    public static FakeResponse PostedThenFailed(int status = 500) => new(status, "", null, Processed: true);

    public static FakeResponse ServerError(int status = 503) => new(status, "");

    public static FakeResponse Ok(JsonObject body)
    {
        body["ok"] = true;
        return new(200, body.ToJsonString());
    }

    public static FakeResponse Error(string error) => new(200, new JsonObject { ["ok"] = false, ["error"] = error }.ToJsonString());

    /// <summary>A call the installation's scopes do not allow, as Slack refuses it: with the scope it needs and those it has.</summary>
    public static FakeResponse MissingScope(string needed) =>
        new(200, new JsonObject { ["ok"] = false, ["error"] = "missing_scope", ["needed"] = needed, ["provided"] = "chat:write,commands" }.ToJsonString());

    public static FakeResponse RateLimited(int seconds) => new(429, "", seconds.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// A local stand-in for https://slack.com/api/ on 127.0.0.1: records every call (method, auth, content type, body)
/// and answers like Slack does, or with responses queued per method (429, ok:false, 5xx …).
/// </summary>
internal sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<RecordedCall> _calls = [];
    private readonly Dictionary<string, Queue<FakeResponse>> _scripted = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _ts = 100;

    /// <summary>Decides the answer to a call before the queue and the defaults do (null: carry on as usual).</summary>
    public Func<RecordedCall, FakeResponse?>? Override { get; set; }

    /// <summary>The metadata outbox ids of the messages posted so far, one per post (so a duplicate shows twice).</summary>
    public IReadOnlyList<string> PostedOutboxIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages.Select(m => (string?)m["metadata"]?["event_payload"]?["outbox_id"] ?? "")];
            }
        }
    }

    /// <summary>Messages posted, oldest first, as conversations.history and conversations.replies return them.</summary>
    private readonly List<JsonObject> _messages = [];

    private FakeSlackApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public Func<HttpContext, Task>? WebSocketHandler { get; set; }

    public IReadOnlyList<RecordedCall> Calls { get { lock (_lock) { return [.. _calls]; } } }

    public IReadOnlyList<RecordedCall> CallsTo(string method) { lock (_lock) { return [.. _calls.Where(c => c.Method == method)]; } }

    public static async Task<FakeSlackApi> StartAsync()
    {
        var app = LoopbackServer.CreateBuilder().Build();
        var fake = new FakeSlackApi(app);
        app.UseWebSockets();
        app.Map("/socket", (HttpContext context) => fake.WebSocketHandler?.Invoke(context) ?? Task.CompletedTask);
        app.MapPost("/api/{method}", (Func<HttpContext, string, Task>)fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = LoopbackServer.Address(app) + "/api/";
        return fake;
    }

    /// <summary>Display names people chose, as users.info gives them in <c>profile.display_name</c>.</summary>
    private readonly Dictionary<string, string> _displayNames = [];

    /// <summary>A person of the workspace shows as <paramref name="displayName"/> (users.info's profile.display_name).</summary>
    public void Person(string userId, string displayName)
    {
        lock (_lock)
        {
            _displayNames[userId] = displayName;
        }
    }

    public void Enqueue(string method, params FakeResponse[] responses)
    {
        lock (_lock)
        {
            if (!_scripted.TryGetValue(method, out var queue))
            {
                _scripted[method] = queue = new Queue<FakeResponse>();
            }

            foreach (var r in responses)
            {
                queue.Enqueue(r);
            }
        }
    }

    /// <summary>Waits (on a signal, not a timer loop) until <paramref name="count"/> calls to the method were recorded.</summary>
    public Task<RecordedCall> WaitForAsync(string method, int count = 1, int timeoutSeconds = 60) =>
        WaitForAsync(method, _ => true, count, timeoutSeconds);

    /// <summary>Waits until <paramref name="count"/> calls to the method that match were recorded; returns the last of them.</summary>
    public async Task<RecordedCall> WaitForAsync(string method, Func<RecordedCall, bool> match, int count = 1, int timeoutSeconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                var calls = _calls.Where(c => c.Method == method && match(c)).ToList();
                if (calls.Count >= count)
                {
                    return calls[count - 1];
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} call(s) to {method}; got: {string.Join(", ", Calls.Select(c => c.Method))}");
            }
        }
    }

    private async Task HandleAsync(HttpContext context, string method)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var call = new RecordedCall(method, context.Request.Headers.Authorization, context.Request.ContentType, body);
        FakeResponse response;
        lock (_lock)
        {
            response = Override?.Invoke(call) ?? (_scripted.TryGetValue(method, out var queue) && queue.Count > 0 ? queue.Dequeue() : Default(call));
            if (response.Processed)
            {
                Default(call);
            }

            call.Response = response.Body;
            _calls.Add(call);
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.SetResult();
        }

        context.Response.StatusCode = response.Status;
        if (response.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = response.RetryAfter;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(response.Body);
    }

    private string Remember(RecordedCall call, string ts)
    {
        var message = new JsonObject { ["channel"] = call.Json.GetProperty("channel").GetString(), ["ts"] = ts, ["bot_id"] = "B0BOT" };
        if (call.Json.TryGetProperty("thread_ts", out var thread))
        {
            message["thread_ts"] = thread.GetString();
        }

        if (call.Json.TryGetProperty("metadata", out var metadata))
        {
            message["metadata"] = JsonNode.Parse(metadata.GetRawText());
        }

        _messages.Add(message);
        return ts;
    }

    /// <summary>The newest messages first, at most the limit asked for; replies are the thread's messages.</summary>
    private JsonArray History(RecordedCall call)
    {
        var channel = call.Json.GetProperty("channel").GetString();
        var thread = call.Method == "conversations.replies" ? call.Json.GetProperty("ts").GetString() : null;
        var limit = call.Json.TryGetProperty("limit", out var l) ? l.GetInt32() : 100;
        var found = _messages.Where(m => (string?)m["channel"] == channel && (thread is null ? m["thread_ts"] is null : (string?)m["thread_ts"] == thread))
            .Reverse().Take(limit).Select(m => (JsonNode)m.DeepClone());
        return [.. found];
    }

    private FakeResponse Default(RecordedCall call)
    {
        var ts = $"1700000000.{++_ts:D6}";
        string? Channel() => call.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true ? call.Json.GetProperty("channel").GetString() : call.Form("channel");
        return call.Method switch
        {
            "chat.postMessage" => FakeResponse.Ok(new JsonObject { ["channel"] = Channel(), ["ts"] = Remember(call, ts) }),
            "chat.update" => FakeResponse.Ok(new JsonObject { ["channel"] = Channel(), ["ts"] = call.Json.GetProperty("ts").GetString() }),
            "conversations.history" or "conversations.replies" => FakeResponse.Ok(new JsonObject { ["messages"] = History(call) }),
            "chat.postEphemeral" => FakeResponse.Ok(new JsonObject { ["message_ts"] = ts }),
            "conversations.open" => FakeResponse.Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = "D0" + call.Json.GetProperty("users").GetString() } }),
            "views.open" or "views.update" => FakeResponse.Ok(new JsonObject { ["view"] = new JsonObject { ["id"] = "V0" + _ts, ["hash"] = "h" + _ts } }),
            "users.info" => FakeResponse.Ok(UserInfo(call.Form("user") ?? "")),
            "conversations.info" => FakeResponse.Ok(ConversationInfo(call.Form("channel") ?? "")),
            "conversations.members" => Members(call),
            "conversations.join" => Joined(call.Form("channel") ?? ""),
            _ => FakeResponse.Error("unknown_method"),
        };
    }

    /// <summary>The members of the channels a test names; which of them are private. Every other channel is public.</summary>
    private readonly Dictionary<string, string[]> _channelMembers = [];
    private readonly HashSet<string> _privateChannels = [];

    /// <summary>A private channel (conversations.info is_private) with these members, as conversations.members pages them.</summary>
    public void PrivateChannel(string channel, params string[] members)
    {
        lock (_lock)
        {
            _channelMembers[channel] = members;
            _privateChannels.Add(channel);
        }
    }

    /// <summary>A public channel's members, as conversations.members pages them.</summary>
    public void PublicChannel(string channel, params string[] members)
    {
        lock (_lock)
        {
            _channelMembers[channel] = members;
        }
    }

    /// <summary>Public channels the bot posts in without being a member, until it joins them (conversations.join).</summary>
    private readonly HashSet<string> _notJoined = [];

    public void NotJoined(string channel)
    {
        lock (_lock)
        {
            _notJoined.Add(channel);
        }
    }

    private FakeResponse Joined(string channel)
    {
        _notJoined.Remove(channel);
        return FakeResponse.Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = channel, ["is_member"] = true } });
    }

    private JsonObject ConversationInfo(string channel)
    {
        var info = new JsonObject { ["id"] = channel, ["is_channel"] = true, ["is_private"] = _privateChannels.Contains(channel) };
        if (_notJoined.Contains(channel))
        {
            info["is_member"] = false;
        }

        return new() { ["channel"] = info };
    }

    /// <summary>conversations.members: a page of at most "limit" members from "cursor" (an offset here), and the next cursor.</summary>
    private FakeResponse Members(RecordedCall call)
    {
        if (!_channelMembers.TryGetValue(call.Form("channel") ?? "", out var members))
        {
            return FakeResponse.Error("channel_not_found");
        }

        var from = int.TryParse(call.Form("cursor"), out var c) ? c : 0;
        var limit = int.TryParse(call.Form("limit"), out var l) ? l : 100;
        var next = from + limit < members.Length ? (from + limit).ToString(CultureInfo.InvariantCulture) : "";
        return FakeResponse.Ok(new JsonObject
        {
            ["members"] = new JsonArray([.. members.Skip(from).Take(limit).Select(m => (JsonNode?)m)]),
            ["response_metadata"] = new JsonObject { ["next_cursor"] = next },
        });
    }

    /// <summary>A person as users.info describes them: the handle from the id (U0MARIA: maria), in Berlin's time.</summary>
    private JsonObject UserInfo(string id)
    {
        var handle = (id.StartsWith("U0", StringComparison.Ordinal) ? id[2..] : id).ToLowerInvariant();
        var profile = new JsonObject { ["display_name"] = _displayNames.GetValueOrDefault(id, ""), ["real_name"] = "" };
        return new JsonObject { ["user"] = new JsonObject { ["id"] = id, ["name"] = handle, ["tz"] = "Europe/Berlin", ["profile"] = profile } };
    }

    public ValueTask DisposeAsync() => LoopbackServer.StopAsync(_app);
}
