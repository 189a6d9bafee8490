using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Slack.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace DeliberationBot.Slack.Outbound;

/// <summary>
/// The Slack Web API methods the bot uses, over one HttpClient (base address Slack:ApiBaseUrl). Bot token per workspace,
/// JSON in UTF-8; 429 honoured through <see cref="SlackRateLimitGate"/>; transient failures retried by <see cref="SlackRetryPolicy"/>;
/// ok:false logged with the method and the error code and returned as a typed result.
/// </summary>
internal sealed partial class SlackApiClient(
    IHttpClientFactory httpClients,
    ISlackTokenSource tokens,
    SlackRateLimitGate gate,
    IOptions<SlackOptions> options,
    ILogger<SlackApiClient> logger)
{
    public const string HttpClientName = "Slack";

    /// <param name="key">Carried in the message's metadata, so a post whose answer was lost can be found again.</param>
    public Task<SlackApiResult> PostMessageAsync(string teamId, string channel, SlackMessage message, string? threadTs, SlackPostKey? key, CancellationToken ct)
    {
        var body = message.ToPayload();
        body["channel"] = channel;
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        if (key is { } k)
        {
            body["metadata"] = k.ToMetadata();
        }

        return CallAsync(teamId, "chat.postMessage", body, ct);
    }

    /// <summary>
    /// The newest messages of a conversation (or of one thread), with their metadata. Slack allows apps outside the
    /// Marketplace 15 of them a minute, so only the newest 15 are asked for.
    /// </summary>
    public Task<SlackApiResult> RecentMessagesAsync(string teamId, string channel, string? threadTs, CancellationToken ct)
    {
        var body = new JsonObject { ["channel"] = channel, ["limit"] = 15, ["include_all_metadata"] = true };
        if (threadTs is not null)
        {
            body["ts"] = threadTs;
        }

        return CallAsync(teamId, threadTs is null ? "conversations.history" : "conversations.replies", body, ct);
    }

    public Task<SlackApiResult> UpdateMessageAsync(string teamId, string channel, string ts, SlackMessage message, CancellationToken ct)
    {
        var body = message.ToPayload();
        body["channel"] = channel;
        body["ts"] = ts;
        return CallAsync(teamId, "chat.update", body, ct);
    }

    public Task<SlackApiResult> PostEphemeralAsync(string teamId, string channel, string userId, SlackMessage message, string? threadTs, CancellationToken ct)
    {
        var body = message.ToPayload();
        body["channel"] = channel;
        body["user"] = userId;
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        return CallAsync(teamId, "chat.postEphemeral", body, ct);
    }

    public Task<SlackApiResult> OpenViewAsync(string teamId, string triggerId, JsonObject view, CancellationToken ct) =>
        CallAsync(teamId, "views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, ct);

    public Task<SlackApiResult> UpdateViewAsync(string teamId, string viewId, string? hash, JsonObject view, CancellationToken ct)
    {
        var body = new JsonObject { ["view_id"] = viewId, ["view"] = view };
        if (hash is not null)
        {
            body["hash"] = hash;
        }

        return CallAsync(teamId, "views.update", body, ct);
    }

    /// <summary>Opens (or finds) the direct-message conversation with a user; the channel id is at channel.id.</summary>
    public Task<SlackApiResult> OpenConversationAsync(string teamId, string userId, CancellationToken ct) =>
        CallAsync(teamId, "conversations.open", new JsonObject { ["users"] = userId }, ct);

    public Task<SlackApiResult> UserInfoAsync(string teamId, string userId, CancellationToken ct) =>
        FormAsync(teamId, "users.info", [new("user", userId)], ct);

    /// <summary>A method that reads (users.info, conversations.info, conversations.members) takes form fields, not JSON.</summary>
    public async Task<SlackApiResult> FormAsync(string teamId, string method, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        var token = await tokens.BotTokenForAsync(teamId, ct);
        return token is null
            ? NoToken(teamId, method)
            : await SendAsync(teamId, token, method, () => new FormUrlEncodedContent(fields), ct);
    }

    /// <summary>
    /// oauth.v2.access: exchanges an install's code for the workspace's bot token. Authenticated by the app's client id
    /// and secret (form fields), not by a token.
    /// </summary>
    public Task<SlackApiResult> ExchangeCodeAsync(string code, string redirectUri, CancellationToken ct)
    {
        var opts = options.Value;
        return SendAsync("oauth", null, "oauth.v2.access", () => new FormUrlEncodedContent(
        [
            new("client_id", opts.ClientId ?? ""),
            new("client_secret", opts.ClientSecret ?? ""),
            new("code", code),
            new("redirect_uri", redirectUri),
        ]), ct);
    }

    public async Task<SlackApiResult> CallAsync(string teamId, string method, JsonObject body, CancellationToken ct)
    {
        var token = await tokens.BotTokenForAsync(teamId, ct);
        if (token is null)
        {
            return NoToken(teamId, method);
        }

        var json = body.ToJsonString(SlackJson.Options);
        return await SendAsync(teamId, token, method, () => new StringContent(json, Encoding.UTF8, "application/json"), ct);
    }

    /// <summary>
    /// How long a call to <paramref name="method"/> with the workspace's bot token would be held back now (Slack asked
    /// it to wait, or its pace is used up), without taking a turn; null if it could go.
    /// </summary>
    public TimeSpan? WaitBefore(string teamId, string method) =>
        gate.RemainingFor(teamId, method) ?? (options.Value.PaceCalls ? gate.TurnWaitFor(teamId, method) : null);

    /// <summary>
    /// Calls <paramref name="method"/> with an explicit token (e.g. the app-level token for apps.connections.open), or
    /// none when the method authenticates otherwise. Transient failures are retried by <see cref="SlackRetryPolicy"/>.
    /// </summary>
    public async Task<SlackApiResult> SendAsync(string teamId, string? token, string method, Func<HttpContent> content, CancellationToken ct)
    {
        if ((gate.RemainingFor(teamId, method) ?? (token is null || !options.Value.PaceCalls ? null : gate.Pace(teamId, method))) is { } wait)
        {
            return SlackApiResult.Limited(method, wait);
        }

        return await SendOnceAsync(teamId, token, method, content(), ct);
    }

    private async Task<SlackApiResult> SendOnceAsync(string teamId, string? token, string method, HttpContent content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = content };
        // A post that failed on the way back may have gone through: it is never repeated in process, but left to the
        // outbox, which looks for it before posting again.
        request.Options.Set(SlackRetryPolicy.Repeatable, method is not ("chat.postMessage" or "chat.postEphemeral"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            return SlackApiResult.Temporary(method, "network: " + e.Message);
        }
        catch (Exception e) when (e is TimeoutRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return SlackApiResult.Temporary(method, "timeout");
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var after = RetryAfter(response);
                gate.Block(teamId, method, after);
                LogRateLimited(method, teamId, after);
                return SlackApiResult.Limited(method, after);
            }

            if ((int)response.StatusCode >= 500)
            {
                return SlackApiResult.Temporary(method, $"http_{(int)response.StatusCode}");
            }

            JsonElement body;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
                body = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                LogApiError(method, teamId, $"http_{(int)response.StatusCode}_not_json", "");
                return SlackApiResult.Failed(method, $"http_{(int)response.StatusCode}_not_json");
            }

            if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
            {
                return SlackApiResult.Success(method, body);
            }

            var error = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String
                ? e.GetString()!
                : $"http_{(int)response.StatusCode}";
            LogApiError(method, teamId, error, Details(body));
            return SlackRetryPolicy.TransientErrors.Contains(error) ? SlackApiResult.Temporary(method, error) : SlackApiResult.Failed(method, error, body);
        }
    }

    private SlackApiResult NoToken(string teamId, string method)
    {
        LogNoToken(method, teamId);
        return SlackApiResult.Failed(method, "no_bot_token_for_workspace");
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delta;
        }

        return TimeSpan.FromSeconds(30);
    }

    /// <summary>
    /// What Slack says beside an error, for whoever reads the log to act on: the scope a refused call needs (a
    /// missing_scope error names it) and the messages of its response metadata; empty when it says nothing more.
    /// </summary>
    private static string Details(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        List<string> details = [];
        if (body.TryGetProperty("needed", out var needed) && needed.ValueKind == JsonValueKind.String)
        {
            details.Add($"needs the scope {needed.GetString()}; reinstall the app to grant it");
        }

        if (body.TryGetProperty("response_metadata", out var meta) && meta.ValueKind == JsonValueKind.Object &&
            meta.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            details.AddRange(messages.EnumerateArray().Select(m => m.ToString()));
        }

        return details.Count == 0 ? "" : $"({string.Join("; ", details)})";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} failed for workspace {TeamId}: {Error} {Details}")]
    private partial void LogApiError(string method, string teamId, string error, string details);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} rate-limited for workspace {TeamId}; retry after {RetryAfter}")]
    private partial void LogRateLimited(string method, string teamId, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "No Slack bot token for workspace {TeamId}; cannot call {Method}")]
    private partial void LogNoToken(string method, string teamId);
}
