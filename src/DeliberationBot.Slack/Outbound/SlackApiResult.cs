using System.Text.Json;

namespace DeliberationBot.Slack.Outbound;

internal enum SlackApiStatus
{
    Ok,

    /// <summary>Slack answered ok:false with an error that retrying will not fix (e.g. channel_not_found).</summary>
    Error,

    /// <summary>HTTP 429: wait <see cref="SlackApiResult.RetryAfter"/> before calling this method for this workspace again.</summary>
    RateLimited,

    /// <summary>5xx, a network failure, a timeout or an internal_error: worth trying again later.</summary>
    Transient,
}

/// <summary>The outcome of one Web API call. <see cref="Body"/> is the parsed response when Slack sent one.</summary>
internal sealed record SlackApiResult(SlackApiStatus Status, string Method, JsonElement Body = default, string? Error = null, TimeSpan? RetryAfter = null)
{
    public bool Ok => Status == SlackApiStatus.Ok;

    public string? GetString(params string[] path)
    {
        if (Body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var node = Body;
        foreach (var name in path)
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                return null;
            }
        }

        return node.ValueKind == JsonValueKind.String ? node.GetString() : null;
    }

    public static SlackApiResult Success(string method, JsonElement body) => new(SlackApiStatus.Ok, method, body);

    public static SlackApiResult Failed(string method, string error, JsonElement body = default) => new(SlackApiStatus.Error, method, body, error);

    public static SlackApiResult Limited(string method, TimeSpan after) => new(SlackApiStatus.RateLimited, method, default, "ratelimited", after);

    public static SlackApiResult Temporary(string method, string error) => new(SlackApiStatus.Transient, method, default, error);
}
