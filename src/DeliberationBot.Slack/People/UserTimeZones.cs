using System.Collections.Concurrent;
using DeliberationBot.Slack.Outbound;

namespace DeliberationBot.Slack.People;

/// <summary>
/// A person's IANA time zone from users.info (<c>user.tz</c>), remembered in memory for a day so that commands
/// (digests above all) run in the person's own time. The lookup has a short budget of its own: a slow or failing
/// users.info means "unknown" (and is asked again a little later), never a missed acknowledgement.
/// </summary>
internal sealed class UserTimeZones(SlackApiClient api, TimeProvider time, SlackLog log)
{
    public static readonly TimeSpan Keep = TimeSpan.FromHours(24);
    public static readonly TimeSpan KeepUnknown = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(1500);
    private const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<(string Team, string User), (string? Zone, DateTimeOffset Until)> _cache = new();

    public async Task<string?> FindAsync(string teamId, string userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue((teamId, userId), out var hit) && hit.Until > now)
        {
            return hit.Zone;
        }

        string? zone = null;
        var known = false;
        using var budget = new CancellationTokenSource(Budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try
        {
            var info = await api.UserInfoAsync(teamId, userId, linked.Token);
            known = info.Ok;
            zone = info.Ok ? info.GetString("user", "tz") : null;
            if (!info.Ok)
            {
                log.TimeZoneUnknown(teamId, info.Error);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log.TimeZoneUnknown(teamId, "users.info took longer than " + Budget.TotalMilliseconds + " ms");
        }

        if (_cache.Count >= MaxEntries)
        {
            foreach (var expired in _cache.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
            {
                _cache.TryRemove(expired, out _);
            }
        }

        _cache[(teamId, userId)] = (zone, now + (known ? Keep : KeepUnknown));
        return zone;
    }
}
