namespace DeliberationBot.Core.Messaging;

/// <summary>
/// Who may read what is said in a conversation, as its platform tells it: everyone in the workspace for a Slack public
/// channel, its members for a private channel, a group chat or a team. Asked before anything said in a conversation is
/// shown elsewhere (the weekly digest), so that what a private channel said reaches only its own members.
/// </summary>
public interface IConversationReaders
{
    /// <summary>The channel this platform serves (<see cref="ConversationRef.Channel"/>).</summary>
    string Channel { get; }

    /// <summary>
    /// True if <paramref name="person"/> may read <paramref name="conversation"/>, false if not, null if the platform will
    /// not say (the app lacks a permission, or has left the conversation). Throws
    /// <see cref="ConversationReadersUnavailableException"/> when asking again later may work.
    /// </summary>
    Task<bool?> MayReadAsync(ConversationRef conversation, UserRef person, CancellationToken ct);
}

/// <summary>The platform could not be asked now (rate limit, network, outage); what depends on it is tried again later.</summary>
public sealed class ConversationReadersUnavailableException(string message) : Exception(message);
