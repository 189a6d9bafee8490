namespace DeliberationBot.Teams.Installation;

/// <summary>
/// Where the bot can reach a conversation or a person later (proactively, after restarts): the connector's service
/// URL, the bot's own id there and the tenant. Two kinds share this record:
/// <list type="bullet">
/// <item>a conversation reference (<see cref="User"/> is null), keyed by (<see cref="TenantId"/>, <see cref="ConversationId"/>);
/// the id is a channel's id without any ";messageid=…" thread suffix;</item>
/// <item>a user reference (<see cref="User"/> set), keyed by (<see cref="TenantId"/>, <see cref="TeamsUser.Id"/>);
/// <see cref="ConversationId"/> is then the person's 1:1 chat with the bot, or null while none is known.</item>
/// </list>
/// <see cref="BotName"/> is the bot's display name in that conversation (the "recipient" of what people send it), so
/// what the bot sends there names it the same way.
/// </summary>
public sealed record TeamsConversationReference(
    string TenantId,
    string? ConversationId,
    string ServiceUrl,
    string BotId,
    string? ConversationType,
    TeamsUser? User,
    DateTimeOffset UpdatedAt,
    string? BotName = null);

/// <summary>
/// A person in a tenant: <see cref="Id"/> is the id Core knows them by (their Entra object id, else the Teams id);
/// <see cref="TeamsId"/> is the Bot Framework id ("29:…") the connector needs to open a 1:1 chat. Only what reaches
/// them is kept: no display name, so that the stored references say nothing about who anyone is beyond their ids
/// (a name, when one is shown, comes from the activity or the roster at that moment).
/// </summary>
public sealed record TeamsUser(string Id, string TeamsId);

/// <summary>The durable store of conversation references; AddTeams registers <see cref="ChannelStateReferenceStore"/> unless another is.</summary>
public interface IConversationReferenceStore
{
    /// <summary>Inserts or replaces the reference under its key (see <see cref="TeamsConversationReference"/>).</summary>
    Task SaveAsync(TeamsConversationReference reference, CancellationToken ct);

    /// <summary>The conversation reference (one with no user) for this conversation id.</summary>
    Task<TeamsConversationReference?> FindConversationAsync(string tenantId, string conversationId, CancellationToken ct);

    /// <summary>The user reference whose <see cref="TeamsUser.Id"/> or <see cref="TeamsUser.TeamsId"/> equals <paramref name="userId"/>.</summary>
    Task<TeamsConversationReference?> FindUserAsync(string tenantId, string userId, CancellationToken ct);
}
