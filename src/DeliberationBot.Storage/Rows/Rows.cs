namespace DeliberationBot.Storage.Rows;

// Table rows. Kept separate from Core's records so the schema can evolve without touching the domain.

internal sealed class DeliberationRow
{
    public Guid Id { get; set; }
    public string WorkspaceId { get; set; } = "";
    public string FlowId { get; set; } = "";
    public string FlowVersion { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string OwnersJson { get; set; } = "[]";
    public string FacilitatorJson { get; set; } = "{}";
    public string HomeChannel { get; set; } = "";
    public string HomeConversationId { get; set; } = "";
    public string? HomeThreadId { get; set; }
    public DateOnly? Due { get; set; }
    public string Anonymity { get; set; } = "";
    public string Status { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? DecisionJson { get; set; }
    public bool RepliesUnheard { get; set; }

    /// <summary>How many times the row was written: each write is of the next version, over the one its turn read.</summary>
    public int Version { get; set; }
}

internal sealed class FlowSnapshotRow
{
    public string FlowId { get; set; } = "";
    public string Version { get; set; } = "";
    public string Source { get; set; } = "";
}

internal sealed class ParticipantRow
{
    public Guid DeliberationId { get; set; }
    public string Key { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public string? UserId { get; set; }
    public string? DisplayName { get; set; }
    public string Group { get; set; } = "";
    public bool Anonymous { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int RemindersSent { get; set; }
    public DateTimeOffset? LastRemindedAt { get; set; }
    public bool ViaPublicPage { get; set; }
    public DateTimeOffset? ReminderAskedAt { get; set; }
}

internal sealed class AnswerRow
{
    public Guid DeliberationId { get; set; }
    public string ParticipantKey { get; set; } = "";
    public string QuestionId { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public string Group { get; set; } = "";
    public string ValueJson { get; set; } = "{}";

    /// <summary>Whether the value is a skip, kept beside its JSON so that the database can count answers given.</summary>
    public bool Skipped { get; set; }
    public bool FlaggedConcern { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }

    /// <summary>The delivery that gave this revision (a message's key, or its pseudonym for an anonymous answer), so that editing it changes the answer.</summary>
    public string? Source { get; set; }
}

internal sealed class MemberProfileRow
{
    public string WorkspaceId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string? Group { get; set; }
    public string? TimeZone { get; set; }
}

/// <summary>The words of a reply waiting for its writer to join, held for them under the reply's key.</summary>
internal sealed class WaitingWordsRow
{
    public string WorkspaceId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string MessageKey { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

internal sealed class EventRow
{
    public long Id { get; set; }
    public string WorkspaceId { get; set; } = "";
    public Guid DeliberationId { get; set; }
    public string Type { get; set; } = "";
    public string? Actor { get; set; }
    public string? QuestionId { get; set; }
    public string? Data { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>One row per inbound delivery; its unique key is what makes a retried delivery a no-op.</summary>
internal sealed class ProcessedDeliveryRow
{
    public string WorkspaceId { get; set; } = "";
    public string Key { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

internal static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Superseded = "superseded";

    /// <summary>Taken into an earlier message with the same gather key, which carries all of it.</summary>
    public const string Gathered = "gathered";
}

internal sealed class OutboxRow
{
    public Guid Id { get; set; }
    public string WorkspaceId { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string Channel { get; set; } = "";
    public string DestinationJson { get; set; } = "{}";
    public string MessageJson { get; set; } = "{}";
    public string? SlotKey { get; set; }

    /// <summary>
    /// While no sender has had this message (<c>LockedBy</c> unset), a message committed later with the same key goes into
    /// it; and when it is claimed, later rows with the same key that no sender has had either are taken into it.
    /// </summary>
    public string? GatherKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LockedBy { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? PlatformMessageId { get; set; }
    public string? LastError { get; set; }

    /// <summary>W3C traceparent of the commit that queued the message, so its sending joins that trace.</summary>
    public string? TraceParent { get; set; }
}

/// <summary>The platform message last sent for a slot (e.g. a deliberation's card), so later sends update it in place.</summary>
internal sealed class PostedMessageRow
{
    public string WorkspaceId { get; set; } = "";
    public string SlotKey { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public string MessageId { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ConcernRow
{
    public Guid Id { get; set; }
    public string WorkspaceId { get; set; } = "";
    public Guid DeliberationId { get; set; }
    public int Number { get; set; }
    public string Kind { get; set; } = "";
    public string Origin { get; set; } = "";
    public string? SectionId { get; set; }
    public string? QuestionId { get; set; }
    public string Text { get; set; } = "";
    public string GroupsJson { get; set; } = "[]";
    public string RaisersJson { get; set; } = "[]";
    public string Status { get; set; } = "";
    public string? Response { get; set; }
    public string? OwnerJson { get; set; }
    public DateOnly? Due { get; set; }
    public string AcceptedByJson { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string VoicesJson { get; set; } = "[]";
    public int? MergedInto { get; set; }
    public DateTimeOffset? OwnersHeardAt { get; set; }
    public string VoiceChangesJson { get; set; } = "[]";
    public string? OwnersAnswer { get; set; }
    public string? RespondedByJson { get; set; }

    /// <summary>How many times the row was written: each write is of the next version, over the one its turn read.</summary>
    public int Version { get; set; }
}

/// <summary>A concern a summary suggested, until the facilitator confirms or dismisses it.</summary>
internal sealed class SuggestionRow
{
    public Guid Id { get; set; }
    public string WorkspaceId { get; set; } = "";
    public Guid DeliberationId { get; set; }
    public int Number { get; set; }
    public string Text { get; set; } = "";
    public string? SectionId { get; set; }
    public string? QuestionId { get; set; }
    public string CitesJson { get; set; } = "[]";
    public string Status { get; set; } = "";
    public int? ConcernNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>ASP.NET Data Protection's key ring, shared by every instance through the database.</summary>
internal sealed class DataProtectionKeyRow
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}

/// <summary>A channel adapter's own small record (installation, conversation reference), as JSON.</summary>
internal sealed class ChannelStateRow
{
    public string Channel { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Key { get; set; } = "";
    public string Json { get; set; } = "{}";
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class DigestSubscriptionRow
{
    public string WorkspaceId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string UserJson { get; set; } = "{}";
    public string ContextJson { get; set; } = "{}";
    public int Day { get; set; }
    public string Time { get; set; } = "09:00";
    public string TimeZone { get; set; } = "UTC";
    public bool Active { get; set; }
    public DateTimeOffset NextDueAt { get; set; }
    public string? LastWeek { get; set; }
    public DateTimeOffset? LastSentAt { get; set; }
}

/// <summary>A workspace's part of one digest run, as JSON; each reader's outbox row refers to it by id.</summary>
internal sealed class DigestSnapshotRow
{
    public Guid Id { get; set; }
    public string WorkspaceId { get; set; } = "";
    public DateTimeOffset TakenAt { get; set; }
    public string BodyJson { get; set; } = "{}";
}

/// <summary>Which instance runs a scheduled job, until when.</summary>
internal sealed class JobLeaseRow
{
    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public DateTimeOffset LeaseUntil { get; set; }
}

internal sealed class CommunityInvitationRow
{
    public Guid DeliberationId { get; set; }
    public string WorkspaceId { get; set; } = "";
    public string Token { get; set; } = "";
    public string Languages { get; set; } = "";
    public DateOnly? Until { get; set; }
    public int? MaxPeople { get; set; }
    public string State { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Holds no participant key: an address cannot be joined to the answers of the person who left it.</summary>
internal sealed class CommunityContactRow
{
    public Guid Id { get; set; }
    public string WorkspaceId { get; set; } = "";
    public Guid DeliberationId { get; set; }
    public string Address { get; set; } = "";
    public string Language { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
