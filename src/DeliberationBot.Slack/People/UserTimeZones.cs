using System.Collections.Concurrent;
using DeliberationBot.Slack.Outbound;

namespace DeliberationBot.Slack.People;

/// <summary>
/// A person's IANA time zone from users.info (<c>user.tz</c>), remembered in memory for a day so that commands
/// (digests above all) run in the person's own time. The lookup has a short budget of its own: a slow or failing
/// users.info means "unknown" (and is asked again a little later), never a missed acknowledgement.
/// </summary>
internal sealed class UserTimeZones
{
    public static readonly TimeSpan Keep = TimeSpan.FromHours(24);
    public static readonly TimeSpan KeepUnknown = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(1500);
    public const int DefaultMaxEntries = 50_000;

    private readonly ConcurrentDictionary<(string Team, string User), (string? Zone, DateTimeOffset Until)> _cache = new();
    private readonly Lock _makingRoom = new();

    // How many are remembered, kept alongside: ConcurrentDictionary.Count takes every one of its locks, and asking it
    // on each new person's command made those commands queue behind one another under load (by profile).
    private int _entries;
    private readonly SlackApiClient _api;
    private readonly TimeProvider _time;
    private readonly SlackLog _log;
    private readonly int _maxEntries;

    public UserTimeZones(SlackApiClient api, TimeProvider time, SlackLog log)
        : this(api, time, log, DefaultMaxEntries)
    {
    }

    internal UserTimeZones(SlackApiClient api, TimeProvider time, SlackLog log, int maxEntries)
    {
        _api = api;
        _time = time;
        _log = log;
        _maxEntries = maxEntries;
    }

    /// <summary>How many people are remembered now.</summary>
    internal int Count => _cache.Count;

    public async Task<string?> FindAsync(string teamId, string userId, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue((teamId, userId), out var hit) && hit.Until > now)
        {
            return hit.Zone;
        }

        string? zone = null;
        var known = false;
        using var budget = new CancellationTokenSource(Budget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try
        {
            var info = await _api.UserInfoAsync(teamId, userId, linked.Token);
            known = info.Ok;
            zone = info.Ok ? info.GetString("user", "tz") : null;
            if (!info.Ok)
            {
                _log.TimeZoneUnknown(teamId, info.Error);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            _log.TimeZoneUnknown(teamId, "users.info took longer than " + Budget.TotalMilliseconds + " ms");
        }

        if (Volatile.Read(ref _entries) >= _maxEntries)
        {
            MakeRoom(now);
        }

        var entry = (zone, now + (known ? Keep : KeepUnknown));
        if (_cache.TryAdd((teamId, userId), entry))
        {
            Interlocked.Increment(ref _entries);
        }
        else
        {
            _cache[(teamId, userId)] = entry;
        }

        return zone;
    }

    /// <summary>
    /// Drops what has expired and, if the cache would still be more than three quarters full, everything: a full cache
    /// of people seen within the day is then emptied once rather than scanned on every lookup (a sweep that freed
    /// nothing made each new person's command walk all 50,000 entries). Either way the next sweep is a quarter of the
    /// limit's lookups away.
    /// </summary>
    private void MakeRoom(DateTimeOffset now)
    {
        lock (_makingRoom)
        {
            if (_cache.Count < _maxEntries)
            {
                Volatile.Write(ref _entries, _cache.Count); // made room already, or the count ran ahead of it
                return;
            }

            foreach (var expired in _cache.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
            {
                _cache.TryRemove(expired, out _);
            }

            if (_cache.Count > _maxEntries * 3 / 4)
            {
                _cache.Clear();
            }

            Volatile.Write(ref _entries, _cache.Count);
        }
    }
}
