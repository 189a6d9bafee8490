using System.Collections.Concurrent;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.People;

/// <summary>
/// A person as Slack shows them (users.info: the name people see, and the IANA time zone), remembered in memory for a
/// day: commands (digests above all) run in the person's own time, and a person mentioned in a message is written by
/// name. The lookup has a short budget of its own: a slow or failing users.info means "unknown" (and is asked again a
/// little later), never a missed acknowledgement.
/// </summary>
internal sealed class SlackPeople
{
    public static readonly TimeSpan Keep = TimeSpan.FromHours(24);
    public static readonly TimeSpan KeepUnknown = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(1500);
    public const int DefaultMaxEntries = 50_000;

    /// <summary>How many people mentioned in one message are looked up; users.info allows about 100 calls a minute.</summary>
    public const int MostNamesPerMessage = 10;

    private readonly ConcurrentDictionary<(string Team, string User), (SlackPerson Person, DateTimeOffset Until)> _cache = new();
    private readonly Lock _makingRoom = new();

    // How many are remembered, kept alongside: ConcurrentDictionary.Count takes every one of its locks, and asking it
    // on each new person's command made those commands queue behind one another under load (by profile).
    private int _entries;
    private readonly SlackApiClient _api;
    private readonly TimeProvider _time;
    private readonly SlackLog _log;
    private readonly int _maxEntries;

    public SlackPeople(SlackApiClient api, TimeProvider time, SlackLog log)
        : this(api, time, log, DefaultMaxEntries)
    {
    }

    internal SlackPeople(SlackApiClient api, TimeProvider time, SlackLog log, int maxEntries)
    {
        _api = api;
        _time = time;
        _log = log;
        _maxEntries = maxEntries;
    }

    /// <summary>How many people are remembered now.</summary>
    internal int Count => _cache.Count;

    public async Task<SlackPerson> FindAsync(string teamId, string userId, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue((teamId, userId), out var hit) && hit.Until > now)
        {
            return hit.Person;
        }

        var person = SlackPerson.Unknown;
        var known = false;
        using var budget = new CancellationTokenSource(Budget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try
        {
            var info = await _api.UserInfoAsync(teamId, userId, linked.Token);
            known = info.Ok;
            if (info.Ok)
            {
                person = new SlackPerson(NameShown(info), info.GetString("user", "tz"), Guest: Flag(info, "is_restricted") || Flag(info, "is_ultra_restricted"));
            }
            else
            {
                _log.PersonUnknown(teamId, info.Error);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            _log.PersonUnknown(teamId, "users.info took longer than " + Budget.TotalMilliseconds + " ms");
        }

        if (Volatile.Read(ref _entries) >= _maxEntries)
        {
            MakeRoom(now);
        }

        var entry = (person, now + (known ? Keep : KeepUnknown));
        if (_cache.TryAdd((teamId, userId), entry))
        {
            Interlocked.Increment(ref _entries);
        }
        else
        {
            _cache[(teamId, userId)] = entry;
        }

        return person;
    }

    /// <summary>
    /// The names Slack shows for the people a message mentions (events carry only &lt;@U…&gt;, slash commands the
    /// handle, &lt;@U…|maria&gt;, where the writer saw "@Maria García"), looked up together under one budget; at most
    /// <see cref="MostNamesPerMessage"/>, and never the bot itself. Null when the text mentions nobody, which is nearly
    /// always.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>?> NamesMentionedAsync(string teamId, string? encoded, string? botUserId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(encoded) || !encoded.Contains("<@", StringComparison.Ordinal))
        {
            return null;
        }

        var ids = Mrkdwn.MentionedPeople(encoded).Where(id => id != botUserId).Distinct().Take(MostNamesPerMessage).ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        var people = await Task.WhenAll(ids.Select(id => FindAsync(teamId, id, ct)));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            if (people[i].Name is { } name)
            {
                names[ids[i]] = name;
            }
        }

        return names;
    }

    /// <summary>
    /// The person with the name Slack shows for them when Slack can say, else as they came: interactions carry only the
    /// handle, and a person picked in a form only the id, where the name is kept (a participant, an owner, a decision).
    /// </summary>
    public async Task<UserRef> NamedAsync(string teamId, UserRef user, CancellationToken ct) =>
        (await FindAsync(teamId, user.Id, ct)).Naming(user);

    private static bool Flag(SlackApiResult info, string name) =>
        info.Body.ValueKind == System.Text.Json.JsonValueKind.Object && info.Body.TryGetProperty("user", out var user) && user.ValueKind == System.Text.Json.JsonValueKind.Object
        && user.TryGetProperty(name, out var flag) && flag.ValueKind == System.Text.Json.JsonValueKind.True;

    /// <summary>The name Slack shows for a person: the display name they chose, else their full name, else their handle.</summary>
    private static string? NameShown(SlackApiResult info) =>
        new[] { info.GetString("user", "profile", "display_name"), info.GetString("user", "profile", "real_name"), info.GetString("user", "real_name"), info.GetString("user", "name") }
            .Select(n => n?.Trim())
            .FirstOrDefault(n => !string.IsNullOrEmpty(n));

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

/// <summary>
/// What users.info told of a person; either part may be unknown. <see cref="Guest"/>: a multi- or single-channel guest,
/// who sees only the channels they were invited to, public ones included; null when users.info did not answer.
/// </summary>
internal sealed record SlackPerson(string? Name, string? TimeZone, bool? Guest = null)
{
    /// <summary><paramref name="user"/> by the name Slack shows for them, when it is known.</summary>
    public UserRef Naming(UserRef user) => Name is { } name ? user with { Name = name } : user;

    public static readonly SlackPerson Unknown = new(null, null);
}
