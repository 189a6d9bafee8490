using System.Collections.Concurrent;

namespace DeliberationBot.Core.Messaging;

/// <summary>
/// Answers from a platform kept for a while by key (who is in a conversation, say): asks made side by side for the same
/// key share one call, an answer is asked again once <c>keep</c> has passed, and an ask that failed is not kept.
/// </summary>
public sealed class RememberedAnswers<TKey, TValue>(TimeSpan keep, TimeProvider time)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (Lazy<Task<TValue>> Ask, DateTimeOffset Until)> _known = new();

    public async Task<TValue> GetAsync(TKey key, Func<Task<TValue>> ask)
    {
        var now = time.GetUtcNow();
        (Lazy<Task<TValue>>, DateTimeOffset) Fresh() => (new Lazy<Task<TValue>>(ask), now + keep);
        var known = _known.AddOrUpdate(key, _ => Fresh(), (_, old) => old.Until > now ? old : Fresh());
        try
        {
            return await known.Ask.Value;
        }
        catch
        {
            _known.TryRemove(new KeyValuePair<TKey, (Lazy<Task<TValue>>, DateTimeOffset)>(key, known));
            throw;
        }
    }
}
