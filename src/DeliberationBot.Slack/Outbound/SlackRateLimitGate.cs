using System.Collections.Concurrent;

namespace DeliberationBot.Slack.Outbound;

/// <summary>
/// Remembers a 429's Retry-After per workspace and method, so that calls in the meantime wait their turn without
/// hitting Slack again (Slack escalates throttling when Retry-After is ignored).
/// </summary>
internal sealed class SlackRateLimitGate(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Team, string Method), DateTimeOffset> _blockedUntil = new();

    public void Block(string teamId, string method, TimeSpan retryAfter)
    {
        var until = time.GetUtcNow() + retryAfter;
        _blockedUntil.AddOrUpdate((teamId, method), until, (_, existing) => existing > until ? existing : until);
    }

    /// <summary>How long calls to <paramref name="method"/> for the workspace must still wait, if at all.</summary>
    public TimeSpan? RemainingFor(string teamId, string method)
    {
        if (!_blockedUntil.TryGetValue((teamId, method), out var until))
        {
            return null;
        }

        var left = until - time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            return left;
        }

        _blockedUntil.TryRemove(new KeyValuePair<(string, string), DateTimeOffset>((teamId, method), until));
        return null;
    }
}
