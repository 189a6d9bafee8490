using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Digests;

/// <summary>
/// A leader's weekly digest: when (their day and time, in their time zone), where to send it, and when it is next due.
/// <see cref="LastWeek"/> is the ISO week of the last digest produced, so each week's digest is made once.
/// </summary>
public sealed record DigestSubscription(
    string WorkspaceId,
    UserRef User,
    ConversationRef Context,
    DayOfWeek Day,
    TimeOnly Time,
    string TimeZone,
    bool Active,
    DateTimeOffset NextDueAt,
    string? LastWeek = null,
    DateTimeOffset? LastSentAt = null);
