using System.Collections.Concurrent;

namespace DeliberationBot.Slack.Outbound;

/// <summary>
/// The direct-message conversation with each person the service has written to privately. Slack keeps one such
/// conversation per person and app, and conversations.open only finds it again, at about 50 calls a minute per
/// workspace; once it is known, a private message is one call, paced at chat.postMessage's 60 a minute.
/// </summary>
internal sealed class DirectMessageChannels
{
    public const int DefaultMaxEntries = 50_000;

    private readonly ConcurrentDictionary<(string Team, string User), string> _channels = new();
    private readonly int _maxEntries;

    public DirectMessageChannels()
        : this(DefaultMaxEntries)
    {
    }

    internal DirectMessageChannels(int maxEntries) => _maxEntries = maxEntries;

    /// <summary>How many people's conversations are remembered now.</summary>
    internal int Count => _channels.Count;

    public string? Find(string teamId, string userId) => _channels.TryGetValue((teamId, userId), out var channel) ? channel : null;

    public void Remember(string teamId, string userId, string channel)
    {
        if (_channels.Count >= _maxEntries && !_channels.ContainsKey((teamId, userId)))
        {
            _channels.Clear(); // bounded: forgetting costs each person one conversations.open again, never a message
        }

        _channels[(teamId, userId)] = channel;
    }

    /// <summary>Forgets a conversation Slack no longer knows, unless another send has meanwhile learnt a new one.</summary>
    public void Forget(string teamId, string userId, string channel) =>
        _channels.TryRemove(KeyValuePair.Create((teamId, userId), channel));
}
