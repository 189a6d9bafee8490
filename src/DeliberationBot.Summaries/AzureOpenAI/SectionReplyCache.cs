namespace DeliberationBot.Summaries.AzureOpenAI;

/// <summary>
/// Validated replies by the hash of the request that produced them, so a section whose answers have not changed is not
/// sent again. In memory and bounded: the oldest entries go first.
/// </summary>
internal sealed class SectionReplyCache
{
    public const int Capacity = 1024;

    private readonly Dictionary<string, SectionReply> _replies = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    public bool TryGet(string key, out SectionReply reply)
    {
        lock (_lock)
        {
            return _replies.TryGetValue(key, out reply!);
        }
    }

    public void Set(string key, SectionReply reply)
    {
        lock (_lock)
        {
            if (_replies.TryAdd(key, reply))
            {
                _order.Enqueue(key);
            }

            while (_order.Count > Capacity)
            {
                _replies.Remove(_order.Dequeue());
            }
        }
    }
}
