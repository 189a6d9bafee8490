using System.Collections.Concurrent;

namespace DeliberationBot.Teams.Installation;

/// <summary>
/// Conversation references kept in memory for a short while in front of the durable store. Every turn looks up its
/// conversation and its sender to see whether they changed, and every send looks them up again to address the reply:
/// four reads of the database per reply, for records that rarely change. Saves go through to the store first and then
/// drop what they replace, and a lookup that raced a save is not kept, so this instance always reads its own writes.
/// A change written by another instance is seen here within <see cref="Lifetime"/>; until then a send may use the
/// previous service URL, which the connector keeps serving. Only found references are kept.
/// </summary>
internal sealed class CachedReferenceStore(IConversationReferenceStore store, TimeProvider time) : IConversationReferenceStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    // A tenant with more people than this active within a minute costs a clear-out now and then, never unbounded memory.
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private readonly Lock _saving = new();
    private long _saves;

    private enum Kind
    {
        Conversation,
        User,
    }

    private readonly record struct Key(Kind Kind, string TenantId, string Id);

    private sealed record Entry(TeamsConversationReference Reference, DateTimeOffset Until);

    public async Task SaveAsync(TeamsConversationReference reference, CancellationToken ct)
    {
        await store.SaveAsync(reference, ct);
        lock (_saving)
        {
            _saves++;
            if (reference.User is { } user)
            {
                // Besides its own keys, a person may be cached under an earlier Teams id that pointed to them.
                _entries.TryRemove(new Key(Kind.User, reference.TenantId, user.Id), out _);
                _entries.TryRemove(new Key(Kind.User, reference.TenantId, user.TeamsId), out _);
                foreach (var stale in _entries.Where(e => e.Key.TenantId == reference.TenantId && e.Value.Reference.User?.Id == user.Id))
                {
                    _entries.TryRemove(stale.Key, out _);
                }
            }
            else if (reference.ConversationId is { } conversationId)
            {
                _entries.TryRemove(new Key(Kind.Conversation, reference.TenantId, conversationId), out _);
            }
        }
    }

    public Task<TeamsConversationReference?> FindConversationAsync(string tenantId, string conversationId, CancellationToken ct) =>
        FindAsync(new Key(Kind.Conversation, tenantId, conversationId), () => store.FindConversationAsync(tenantId, conversationId, ct));

    public Task<TeamsConversationReference?> FindUserAsync(string tenantId, string userId, CancellationToken ct) =>
        FindAsync(new Key(Kind.User, tenantId, userId), () => store.FindUserAsync(tenantId, userId, ct));

    private async Task<TeamsConversationReference?> FindAsync(Key key, Func<Task<TeamsConversationReference?>> read)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.Reference;
        }

        var saves = Volatile.Read(ref _saves);
        var found = await read();
        if (found is not null)
        {
            lock (_saving)
            {
                if (_saves == saves) // a save since the read may have made it stale
                {
                    if (_entries.Count >= MaxEntries)
                    {
                        _entries.Clear();
                    }

                    _entries[key] = new Entry(found, now + Lifetime);
                }
            }
        }

        return found;
    }
}
