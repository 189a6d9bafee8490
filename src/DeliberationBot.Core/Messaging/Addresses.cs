namespace DeliberationBot.Core.Messaging;

/// <summary>A person on a platform. <see cref="Id"/> is the platform's user id.</summary>
public sealed record UserRef(string Id, string? Name = null)
{
    public string Display => Name ?? Id;
}

/// <summary>
/// Where a conversation lives: the channel (slack, teams, console), the workspace (Slack team or Microsoft tenant),
/// the conversation, and optionally a thread within it.
/// </summary>
public sealed record ConversationRef(string Channel, string WorkspaceId, string ConversationId, string? ThreadId = null)
{
    /// <summary>
    /// Set by an adapter on a command typed in the thread of a deliberation's card: the command is about that
    /// deliberation, not the conversation's newest (<see cref="Deliberations.TurnSupport.FindHereAsync"/>). Never kept.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid? InThreadOf { get; init; }
}

public enum DeliveryMode
{
    /// <summary>Posted in the conversation for everyone.</summary>
    Conversation,

    /// <summary>Sent privately to <see cref="Destination.User"/> (a direct message).</summary>
    Private,

    /// <summary>Shown in the conversation to <see cref="Destination.User"/> only.</summary>
    Ephemeral,
}

public sealed record Destination(DeliveryMode Mode, ConversationRef Conversation, UserRef? User = null)
{
    public static Destination To(ConversationRef conversation) => new(DeliveryMode.Conversation, conversation);

    public static Destination PrivatelyTo(ConversationRef context, UserRef user) => new(DeliveryMode.Private, context, user);

    public static Destination EphemeralTo(ConversationRef conversation, UserRef user) => new(DeliveryMode.Ephemeral, conversation, user);
}

/// <summary>
/// The person acting in a turn, in the workspace they act in. <see cref="TimeZone"/> is their IANA time zone when the
/// platform tells it (Slack's users.info, Teams' clientInfo), used for digests and quiet hours.
/// </summary>
public sealed record Actor(string Channel, string WorkspaceId, UserRef User, string? TimeZone = null);

/// <summary>
/// Messages with the same send order reach their reader in the order they were queued: one conversation's messages,
/// ephemeral ones and thread replies included, or one person's private messages.
/// </summary>
public readonly record struct SendOrder(string Channel, string WorkspaceId, string Key)
{
    public static SendOrder Of(Destination destination) => new(
        destination.Conversation.Channel,
        destination.Conversation.WorkspaceId,
        destination is { Mode: DeliveryMode.Private, User: { } user } ? "user:" + user.Id : "conversation:" + destination.Conversation.ConversationId);
}
