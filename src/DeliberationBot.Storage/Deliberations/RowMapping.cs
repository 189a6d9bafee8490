using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Storage.Rows;

namespace DeliberationBot.Storage.Deliberations;

/// <summary>Between Core's records and table rows.</summary>
internal static class RowMapping
{
    public static DeliberationRow ToRow(this Deliberation d) => new()
    {
        Id = d.Id,
        WorkspaceId = d.WorkspaceId,
        FlowId = d.FlowId,
        FlowVersion = d.FlowVersion,
        Title = d.Title,
        Description = d.Description,
        OwnersJson = Json.Write(d.Owners),
        FacilitatorJson = Json.Write(d.Facilitator),
        HomeChannel = d.Home.Channel,
        HomeConversationId = d.Home.ConversationId,
        HomeThreadId = d.Home.ThreadId,
        Due = d.Due,
        Anonymity = d.Anonymity.ToString(),
        Status = d.Status.ToString(),
        CreatedAt = d.CreatedAt,
        ClosedAt = d.ClosedAt,
        DecisionJson = d.Decision is null ? null : Json.Write(d.Decision),
        RepliesUnheard = d.RepliesUnheard,
        Version = d.Version + 1,
    };

    public static Deliberation ToRecord(this DeliberationRow r) => new(
        r.Id, r.WorkspaceId, r.FlowId, r.FlowVersion, r.Title, r.Description,
        Json.Read<List<UserRef>>(r.OwnersJson), Json.Read<UserRef>(r.FacilitatorJson),
        new ConversationRef(r.HomeChannel, r.WorkspaceId, r.HomeConversationId, r.HomeThreadId),
        r.Due, Enum.Parse<AnonymityPolicy>(r.Anonymity), Enum.Parse<DeliberationStatus>(r.Status), r.CreatedAt, r.ClosedAt,
        r.DecisionJson is null ? null : Json.Read<Decision>(r.DecisionJson))
    {
        RepliesUnheard = r.RepliesUnheard,
        Version = r.Version,
    };

    public static ConcernRow ToRow(this Concern c, string workspaceId) => new()
    {
        Id = c.Id,
        WorkspaceId = workspaceId,
        DeliberationId = c.DeliberationId,
        Number = c.Number,
        Kind = c.Kind.ToString(),
        Origin = c.Origin.ToString(),
        SectionId = c.SectionId,
        QuestionId = c.QuestionId,
        Text = c.Text,
        GroupsJson = Json.Write(c.RaisedByGroups),
        RaisersJson = Json.Write(c.Raisers),
        Status = c.Status.ToString(),
        Response = c.Response,
        OwnerJson = c.Owner is null ? null : Json.Write(c.Owner),
        Due = c.Due,
        AcceptedByJson = Json.Write(c.AcceptedBy),
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
        VoicesJson = Json.Write(c.Voices),
        MergedInto = c.MergedInto,
        OwnersHeardAt = c.OwnersHeardAt,
        VoiceChangesJson = Json.Write(c.VoiceChanges),
        OwnersAnswer = c.OwnersAnswer?.ToString(),
        RespondedByJson = c.RespondedBy is null ? null : Json.Write(c.RespondedBy),
        Version = c.Version + 1,
    };

    public static SuggestionRow ToRow(this Suggestion s, string workspaceId) => new()
    {
        Id = s.Id,
        WorkspaceId = workspaceId,
        DeliberationId = s.DeliberationId,
        Number = s.Number,
        Text = s.Text,
        SectionId = s.SectionId,
        QuestionId = s.QuestionId,
        CitesJson = Json.Write(s.Cites),
        Status = s.Status.ToString(),
        ConcernNumber = s.ConcernNumber,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
    };

    public static Suggestion ToRecord(this SuggestionRow r) => new(
        r.Id, r.DeliberationId, r.Number, r.Text, r.SectionId, r.QuestionId, Json.Read<List<string>>(r.CitesJson), Enum.Parse<SuggestionStatus>(r.Status),
        r.ConcernNumber, r.CreatedAt, r.UpdatedAt);

    public static Concern ToRecord(this ConcernRow r) => new(
        r.Id, r.DeliberationId, r.Number, Enum.Parse<ConcernKind>(r.Kind), Enum.Parse<ConcernOrigin>(r.Origin), r.SectionId, r.QuestionId, r.Text,
        Json.Read<List<StakeholderGroup>>(r.GroupsJson), Json.Read<List<string>>(r.RaisersJson), Enum.Parse<ConcernStatus>(r.Status), r.Response,
        r.OwnerJson is null ? null : Json.Read<UserRef>(r.OwnerJson), r.Due, Json.Read<List<string>>(r.AcceptedByJson), r.CreatedAt, r.UpdatedAt)
    {
        Voices = Json.Read<List<ConcernVoice>>(r.VoicesJson),
        MergedInto = r.MergedInto,
        OwnersHeardAt = r.OwnersHeardAt,
        VoiceChanges = Json.Read<List<VoiceChange>>(r.VoiceChangesJson),
        OwnersAnswer = r.OwnersAnswer is null ? null : Enum.Parse<OwnersAnswer>(r.OwnersAnswer),
        RespondedBy = r.RespondedByJson is null ? null : Json.Read<UserRef>(r.RespondedByJson),
        Version = r.Version,
    };

    public static ParticipantRow ToRow(this Participant p, string workspaceId) => new()
    {
        DeliberationId = p.DeliberationId,
        Key = p.Key,
        WorkspaceId = workspaceId,
        UserId = p.UserId,
        DisplayName = p.DisplayName,
        Group = p.Group.ToString(),
        Anonymous = p.Anonymous,
        JoinedAt = p.JoinedAt,
        FinishedAt = p.FinishedAt,
        RemindersSent = p.RemindersSent,
        LastRemindedAt = p.LastRemindedAt,
        ViaPublicPage = p.ViaPublicPage,
        ReminderAskedAt = p.ReminderAskedAt,
    };

    public static Participant ToRecord(this ParticipantRow r) =>
        new(r.DeliberationId, r.Key, r.UserId, r.DisplayName, Enum.Parse<StakeholderGroup>(r.Group), r.Anonymous, r.JoinedAt, r.FinishedAt, r.RemindersSent, r.LastRemindedAt, r.ViaPublicPage, r.ReminderAskedAt);

    public static void CopyTo(this DigestSubscription s, DigestSubscriptionRow row)
    {
        row.WorkspaceId = s.WorkspaceId;
        row.UserId = s.User.Id;
        row.UserJson = Json.Write(s.User);
        row.ContextJson = Json.Write(s.Context);
        row.Day = (int)s.Day;
        row.Time = s.Time.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture);
        row.TimeZone = s.TimeZone;
        row.Active = s.Active;
        row.NextDueAt = s.NextDueAt;
        row.LastWeek = s.LastWeek;
        row.LastSentAt = s.LastSentAt;
    }

    public static DigestSubscriptionRow ToRow(this DigestSubscription s)
    {
        var row = new DigestSubscriptionRow();
        s.CopyTo(row);
        return row;
    }

    public static DigestSubscription ToRecord(this DigestSubscriptionRow r) => new(
        r.WorkspaceId, Json.Read<UserRef>(r.UserJson), Json.Read<ConversationRef>(r.ContextJson), (DayOfWeek)r.Day,
        TimeOnly.ParseExact(r.Time, "HH:mm", System.Globalization.CultureInfo.InvariantCulture), r.TimeZone, r.Active, r.NextDueAt, r.LastWeek, r.LastSentAt);

    public static AnswerRow ToRow(this Answer a, string workspaceId) => new()
    {
        DeliberationId = a.DeliberationId,
        ParticipantKey = a.ParticipantKey,
        QuestionId = a.QuestionId,
        WorkspaceId = workspaceId,
        Group = a.Group.ToString(),
        ValueJson = Json.Write(a.Value),
        Skipped = a.Value.Skipped,
        FlaggedConcern = a.FlaggedConcern,
        Revision = a.Revision,
        AnsweredAt = a.AnsweredAt,
        Source = a.Source,
    };

    public static Answer ToRecord(this AnswerRow r) =>
        new(r.DeliberationId, r.ParticipantKey, r.QuestionId, Enum.Parse<StakeholderGroup>(r.Group), Json.Read<AnswerValue>(r.ValueJson),
            r.FlaggedConcern, r.Revision, r.AnsweredAt) { Source = r.Source };

    public static MemberProfile ToRecord(this MemberProfileRow r) =>
        new(r.WorkspaceId, r.UserId, r.Group is null ? null : Enum.Parse<StakeholderGroup>(r.Group), r.TimeZone);

    public static DeliberationEvent ToRecord(this EventRow r) => new(r.DeliberationId, r.Type, r.Actor, r.QuestionId, r.Data, r.At);

    public static OutboxRow ToRow(this OutboxMessage m, string? traceParent) => new()
    {
        Id = m.Id,
        WorkspaceId = m.WorkspaceId,
        IdempotencyKey = m.IdempotencyKey,
        Channel = m.Destination.Conversation.Channel,
        DestinationJson = Json.Write(m.Destination),
        MessageJson = Json.Write(m.Message),
        SlotKey = m.SlotKey,
        GatherKey = m.GatherKey,
        CreatedAt = m.CreatedAt,
        NextAttemptAt = m.CreatedAt,
        TraceParent = traceParent,
    };

    public static OutboxMessage ToRecord(this OutboxRow r) => r.ToRecord(Json.Read<OutgoingMessage>(r.MessageJson));

    /// <summary>The record, with its message already read from <see cref="OutboxRow.MessageJson"/>.</summary>
    public static OutboxMessage ToRecord(this OutboxRow r, OutgoingMessage message) =>
        new(r.Id, r.WorkspaceId, r.IdempotencyKey, Json.Read<Destination>(r.DestinationJson), message, r.CreatedAt, r.SlotKey)
        {
            GatherKey = r.GatherKey,
        };

    public static CommunityInvitationRow ToRow(this CommunityInvitation i) => new()
    {
        DeliberationId = i.DeliberationId,
        WorkspaceId = i.WorkspaceId,
        Token = i.Token,
        Languages = string.Join(',', i.Languages),
        Until = i.Until,
        MaxPeople = i.MaxPeople,
        State = i.State.ToString(),
        CreatedAt = i.CreatedAt,
    };

    public static CommunityInvitation ToRecord(this CommunityInvitationRow r) =>
        new(r.DeliberationId, r.WorkspaceId, r.Token, r.Languages.Split(','), r.Until, r.MaxPeople, Enum.Parse<InvitationState>(r.State), r.CreatedAt);

    public static CommunityContact ToRecord(this CommunityContactRow r) => new(r.Id, r.DeliberationId, r.Address, r.Language, r.At);
}
