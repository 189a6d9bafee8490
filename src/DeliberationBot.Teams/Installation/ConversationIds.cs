namespace DeliberationBot.Teams.Installation;

internal static class ConversationIds
{
    /// <summary>
    /// A channel post's conversation id is the channel's id plus ";messageid=&lt;thread root&gt;". A deliberation and
    /// its conversation reference belong to the channel, so both use the id without the suffix.
    /// </summary>
    public static string Base(string conversationId)
    {
        var at = conversationId.IndexOf(ThreadMarker, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? conversationId : conversationId[..at];
    }

    /// <summary>The id of the post a channel conversation id is the thread of, or null for a conversation that is no thread.</summary>
    public static string? ThreadRoot(string conversationId)
    {
        var at = conversationId.IndexOf(ThreadMarker, StringComparison.OrdinalIgnoreCase);
        return at < 0 || at + ThreadMarker.Length == conversationId.Length ? null : conversationId[(at + ThreadMarker.Length)..];
    }

    private const string ThreadMarker = ";messageid=";
}
