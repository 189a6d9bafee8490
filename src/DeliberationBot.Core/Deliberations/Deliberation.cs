using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Deliberations;

public enum AnonymityPolicy
{
    Named,
    AnonymousAllowed,
    AnonymousOnly,
}

public enum DeliberationStatus
{
    Open,
    Closed,
}

/// <summary>A deliberation on one proposal. It keeps the flow version it started with.</summary>
public sealed record Deliberation(
    Guid Id,
    string WorkspaceId,
    string FlowId,
    string FlowVersion,
    string Title,
    string? Description,
    IReadOnlyList<UserRef> Owners,
    UserRef Facilitator,
    ConversationRef Home,
    DateOnly? Due,
    AnonymityPolicy Anonymity,
    DeliberationStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt = null,
    Decision? Decision = null)
{
    public bool IsOpen => Status == DeliberationStatus.Open;

    /// <summary>
    /// The bot posts in the home conversation but does not hear what is written there (a public Slack channel it was
    /// removed from, or could not join): replies in the card's thread would be lost, so the card offers only its Answer
    /// button until the bot is back (<see cref="Messaging.BotMembership"/>).
    /// </summary>
    public bool RepliesUnheard { get; init; }

    /// <summary>
    /// Which of its writes this deliberation was read as (0: never written). The store writes a deliberation only over
    /// the one it was read as, so a turn that read it before another changed it (a close, a decision) goes stale and is
    /// worked out again instead of writing the other's change away.
    /// </summary>
    public int Version { get; init; }

    /// <summary>The facilitator and the owners may close a deliberation.</summary>
    public bool MayClose(UserRef user) => Facilitator.Id == user.Id || Owners.Any(o => o.Id == user.Id);

    /// <summary>Progress is shown per group only; per person would expose anonymous participants.</summary>
    public string CardSlot => $"card:{Id:N}";

    /// <summary>The deliberation a card slot belongs to.</summary>
    public static Guid? FromCardSlot(string? slot) =>
        slot is not null && slot.StartsWith("card:", StringComparison.Ordinal) && Guid.TryParse(slot.AsSpan(5), out var id) ? id : null;
}

/// <summary>
/// Someone taking part. <see cref="Key"/> is the user id for named participants and a keyed pseudonym for anonymous
/// ones, who carry no user id or name at all. <see cref="ViaPublicPage"/>: answered on the community page, always anonymously.
/// <see cref="ReminderAskedAt"/>: a reminder the facilitator or an owner asked for while it was the person's quiet hours,
/// held until they end.
/// </summary>
public sealed record Participant(
    Guid DeliberationId,
    string Key,
    string? UserId,
    string? DisplayName,
    StakeholderGroup Group,
    bool Anonymous,
    DateTimeOffset JoinedAt,
    DateTimeOffset? FinishedAt = null,
    int RemindersSent = 0,
    DateTimeOffset? LastRemindedAt = null,
    bool ViaPublicPage = false,
    DateTimeOffset? ReminderAskedAt = null);

public sealed record Answer(
    Guid DeliberationId,
    string ParticipantKey,
    string QuestionId,
    StakeholderGroup Group,
    AnswerValue Value,
    bool FlaggedConcern,
    int Revision,
    DateTimeOffset AnsweredAt)
{
    /// <summary>
    /// The delivery that gave this revision (a chat message's key, say), so that editing that message changes it. For an
    /// anonymous participant's answer, a keyed pseudonym of it (<see cref="TurnSupport.AnswerSource"/>): a delivery key
    /// can name where it came from (the person's 1:1 chat).
    /// </summary>
    public string? Source { get; init; }
}

/// <summary>Per workspace, what we remember about a person between deliberations.</summary>
public sealed record MemberProfile(string WorkspaceId, string UserId, StakeholderGroup? Group, string? TimeZone);

/// <summary>An entry in the append-only history. <see cref="Actor"/> is a participant key, so anonymous actors stay pseudonymous.</summary>
public sealed record DeliberationEvent(Guid DeliberationId, string Type, string? Actor, string? QuestionId, string? Data, DateTimeOffset At);

public static class EventTypes
{
    public const string Started = "deliberation.started";
    public const string Joined = "participant.joined";
    public const string Answered = "answer.recorded";
    public const string Edited = "answer.edited";
    public const string ConcernFlagged = "answer.concern-flagged";
    public const string ConcernUnflagged = "answer.concern-unflagged";
    public const string Finished = "participant.finished";
    public const string Reminded = "deliberation.reminded";
    public const string Closed = "deliberation.closed";
}
