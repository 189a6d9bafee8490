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
    public static void CopyTo(this Deliberation d, DeliberationRow row)
    {
        row.Id = d.Id;
        row.WorkspaceId = d.WorkspaceId;
        row.FlowId = d.FlowId;
        row.FlowVersion = d.FlowVersion;
        row.Title = d.Title;
        row.Description = d.Description;
        row.OwnersJson = Json.Write(d.Owners);
        row.FacilitatorJson = Json.Write(d.Facilitator);
        row.HomeChannel = d.Home.Channel;
        row.HomeConversationId = d.Home.ConversationId;
        row.HomeThreadId = d.Home.ThreadId;
        row.Due = d.Due;
        row.Anonymity = d.Anonymity.ToString();
        row.Status = d.Status.ToString();
        row.CreatedAt = d.CreatedAt;
        row.ClosedAt = d.ClosedAt;
        row.DecisionJson = d.Decision is null ? null : Json.Write(d.Decision);
    }

    public static Deliberation ToRecord(this DeliberationRow r) => new(
        r.Id, r.WorkspaceId, r.FlowId, r.FlowVersion, r.Title, r.Description,
        Json.Read<List<UserRef>>(r.OwnersJson), Json.Read<UserRef>(r.FacilitatorJson),
        new ConversationRef(r.HomeChannel, r.WorkspaceId, r.HomeConversationId, r.HomeThreadId),
        r.Due, Enum.Parse<AnonymityPolicy>(r.Anonymity), Enum.Parse<DeliberationStatus>(r.Status), r.CreatedAt, r.ClosedAt,
        r.DecisionJson is null ? null : Json.Read<Decision>(r.DecisionJson));

    public static void CopyTo(this Concern c, ConcernRow row, string workspaceId)
    {
        row.Id = c.Id;
        row.WorkspaceId = workspaceId;
        row.DeliberationId = c.DeliberationId;
        row.Number = c.Number;
        row.Kind = c.Kind.ToString();
        row.Origin = c.Origin.ToString();
        row.SectionId = c.SectionId;
        row.QuestionId = c.QuestionId;
        row.Text = c.Text;
        row.GroupsJson = Json.Write(c.RaisedByGroups);
        row.RaisersJson = Json.Write(c.Raisers);
        row.Status = c.Status.ToString();
        row.Response = c.Response;
        row.OwnerJson = c.Owner is null ? null : Json.Write(c.Owner);
        row.Due = c.Due;
        row.AcceptedByJson = Json.Write(c.AcceptedBy);
        row.CreatedAt = c.CreatedAt;
        row.UpdatedAt = c.UpdatedAt;
        row.VoicesJson = Json.Write(c.Voices);
        row.MergedInto = c.MergedInto;
        row.OwnersHeardAt = c.OwnersHeardAt;
    }

    public static void CopyTo(this Suggestion s, SuggestionRow row, string workspaceId)
    {
        row.Id = s.Id;
        row.WorkspaceId = workspaceId;
        row.DeliberationId = s.DeliberationId;
        row.Number = s.Number;
        row.Text = s.Text;
        row.SectionId = s.SectionId;
        row.QuestionId = s.QuestionId;
        row.CitesJson = Json.Write(s.Cites);
        row.Status = s.Status.ToString();
        row.ConcernNumber = s.ConcernNumber;
        row.CreatedAt = s.CreatedAt;
        row.UpdatedAt = s.UpdatedAt;
    }

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
    };

    public static void CopyTo(this Participant p, ParticipantRow row, string workspaceId)
    {
        row.DeliberationId = p.DeliberationId;
        row.Key = p.Key;
        row.WorkspaceId = workspaceId;
        row.UserId = p.UserId;
        row.DisplayName = p.DisplayName;
        row.Group = p.Group.ToString();
        row.Anonymous = p.Anonymous;
        row.JoinedAt = p.JoinedAt;
        row.FinishedAt = p.FinishedAt;
        row.RemindersSent = p.RemindersSent;
        row.LastRemindedAt = p.LastRemindedAt;
        row.ViaPublicPage = p.ViaPublicPage;
    }

    public static Participant ToRecord(this ParticipantRow r) =>
        new(r.DeliberationId, r.Key, r.UserId, r.DisplayName, Enum.Parse<StakeholderGroup>(r.Group), r.Anonymous, r.JoinedAt, r.FinishedAt, r.RemindersSent, r.LastRemindedAt, r.ViaPublicPage);

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

    public static DigestSubscription ToRecord(this DigestSubscriptionRow r) => new(
        r.WorkspaceId, Json.Read<UserRef>(r.UserJson), Json.Read<ConversationRef>(r.ContextJson), (DayOfWeek)r.Day,
        TimeOnly.ParseExact(r.Time, "HH:mm", System.Globalization.CultureInfo.InvariantCulture), r.TimeZone, r.Active, r.NextDueAt, r.LastWeek, r.LastSentAt);

    public static void CopyTo(this Answer a, AnswerRow row, string workspaceId)
    {
        row.DeliberationId = a.DeliberationId;
        row.ParticipantKey = a.ParticipantKey;
        row.QuestionId = a.QuestionId;
        row.WorkspaceId = workspaceId;
        row.Group = a.Group.ToString();
        row.ValueJson = Json.Write(a.Value);
        row.Skipped = a.Value.Skipped;
        row.FlaggedConcern = a.FlaggedConcern;
        row.Revision = a.Revision;
        row.AnsweredAt = a.AnsweredAt;
    }

    public static Answer ToRecord(this AnswerRow r) =>
        new(r.DeliberationId, r.ParticipantKey, r.QuestionId, Enum.Parse<StakeholderGroup>(r.Group), Json.Read<AnswerValue>(r.ValueJson),
            r.FlaggedConcern, r.Revision, r.AnsweredAt);

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

    public static void CopyTo(this CommunityInvitation i, CommunityInvitationRow row)
    {
        row.DeliberationId = i.DeliberationId;
        row.WorkspaceId = i.WorkspaceId;
        row.Token = i.Token;
        row.Languages = string.Join(',', i.Languages);
        row.Until = i.Until;
        row.MaxPeople = i.MaxPeople;
        row.State = i.State.ToString();
        row.CreatedAt = i.CreatedAt;
    }

    public static CommunityInvitation ToRecord(this CommunityInvitationRow r) =>
        new(r.DeliberationId, r.WorkspaceId, r.Token, r.Languages.Split(','), r.Until, r.MaxPeople, Enum.Parse<InvitationState>(r.State), r.CreatedAt);

    public static CommunityContact ToRecord(this CommunityContactRow r) => new(r.Id, r.DeliberationId, r.Address, r.Language, r.At);
}
