using System.Collections.Concurrent;

namespace DeliberationBot.Slack.Outbound;

/// <summary>
/// Keeps calls to Slack within its limits, per workspace and method: a 429's Retry-After is remembered so calls in the
/// meantime wait their turn without hitting Slack again (Slack escalates throttling when Retry-After is ignored), and
/// calls are paced to the method's tier so a burst of messages does not draw 429s in the first place.
/// </summary>
internal sealed class SlackRateLimitGate(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Team, string Method), DateTimeOffset> _blockedUntil = new();
    private readonly ConcurrentDictionary<(string Team, string Method), Bucket> _buckets = new();

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

    /// <summary>How long a call would have to wait for its turn now, without taking one (null: it could go).</summary>
    public TimeSpan? TurnWaitFor(string teamId, string method) =>
        _buckets.TryGetValue((teamId, method), out var bucket) ? bucket.Wait(time.GetUtcNow()) : null;

    /// <summary>Takes a turn for one call; returns how long to wait first when the method's rate for the workspace is used up.</summary>
    public TimeSpan? Pace(string teamId, string method) =>
        _buckets.GetOrAdd((teamId, method), _ => new Bucket(PerMinute(method), time.GetUtcNow())).Take(time.GetUtcNow());

    /// <summary>
    /// Slack's published tiers (protocols.md B): Tier 2 about 20 calls a minute, Tier 3 about 50, Tier 4 about 100;
    /// chat.postMessage about one a second per channel, taken here per workspace to stay on the safe side.
    /// </summary>
    internal static int PerMinute(string method) => method switch
    {
        "chat.postMessage" => 60,
        "chat.postEphemeral" or "views.open" or "views.update" or "views.push" or "users.info" or "conversations.members" => 100,
        "chat.update" or "conversations.open" or "conversations.info" or "conversations.join" => 50,
        "conversations.history" or "conversations.replies" => 1, // 1 a minute for apps outside the Marketplace
        _ => 20,
    };

    /// <summary>How far apart calls to <paramref name="method"/> for one workspace go once its minute's worth is spent.</summary>
    internal static TimeSpan Spacing(string method) => TimeSpan.FromMinutes(1) / PerMinute(method);

    /// <summary>A token bucket: a minute's worth of calls may go at once, then they are spread over the minute.</summary>
    private sealed class Bucket(int perMinute, DateTimeOffset now)
    {
        private readonly double _perSecond = perMinute / 60.0;
        private double _tokens = perMinute;
        private DateTimeOffset _at = now;

        public TimeSpan? Take(DateTimeOffset now)
        {
            lock (this)
            {
                _tokens = TokensAt(now);
                _at = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return null;
                }

                return WaitWith(_tokens);
            }
        }

        public TimeSpan? Wait(DateTimeOffset now)
        {
            lock (this)
            {
                return WaitWith(TokensAt(now));
            }
        }

        private double TokensAt(DateTimeOffset now) => Math.Min(perMinute, _tokens + (Math.Max(0, (now - _at).TotalSeconds) * _perSecond));

        private TimeSpan? WaitWith(double tokens) => tokens >= 1 ? null : TimeSpan.FromSeconds((1 - tokens) / _perSecond);
    }
}
