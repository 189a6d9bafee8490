using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Digests;

/// <summary>
/// Which deliberations a reader's digest may tell of: those held where the reader may read what is said
/// (<see cref="IConversationReaders"/>). What a private channel or a group chat said reaches only its own members'
/// digests, and its facilitator's and owners', who are sent its every concern anyway. Where the platform will not say,
/// the deliberation is left out, and the digest says how many were. A channel without a platform to ask (the console)
/// has no private conversations.
/// </summary>
public sealed class DigestAudience(IEnumerable<IConversationReaders> platforms)
{
    private readonly Dictionary<string, IConversationReaders> _platforms = platforms.ToDictionary(p => p.Channel, StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="digest"/> with only the deliberations <paramref name="reader"/> may read. Throws
    /// <see cref="ConversationReadersUnavailableException"/> when a platform cannot be asked now.
    /// </summary>
    public async Task<WeeklyDigest> ForReaderAsync(WeeklyDigest digest, IReadOnlyDictionary<Guid, DigestHome> homes, UserRef reader, CancellationToken ct)
    {
        var answers = new Dictionary<ConversationRef, bool?>();
        var readable = new HashSet<Guid>();
        var leftOut = 0;
        foreach (var id in digest.Deliberations)
        {
            if (!homes.TryGetValue(id, out var home))
            {
                continue; // not composed from this snapshot's deliberations: nothing tells who may read it
            }

            if (home.Deciders.Contains(reader.Id))
            {
                readable.Add(id);
                continue;
            }

            var conversation = home.Conversation;
            if (!answers.TryGetValue(conversation, out var mayRead))
            {
                answers[conversation] = mayRead = _platforms.TryGetValue(conversation.Channel, out var platform) ? await platform.MayReadAsync(conversation, reader, ct) : true;
            }

            if (mayRead == true)
            {
                readable.Add(id);
            }
            else if (mayRead is null)
            {
                leftOut++;
            }
        }

        return digest.Only(readable.Contains, leftOut);
    }
}
