using System.Text.Json;
using DeliberationBot.Core.Channels;

namespace DeliberationBot.Teams.Installation;

/// <summary>
/// Conversation references kept in Core's channel state store, as JSON under (teams, tenant id, kind, key):
/// <list type="bullet">
/// <item>kind "conversation", key the conversation id: a conversation reference;</item>
/// <item>kind "user", key the person's canonical id (<see cref="TeamsUser.Id"/>): their user reference; and, when their
/// Teams id ("29:…") differs, kind "user", key the Teams id: a pointer to the canonical id, so a mention (which names
/// the Teams id) finds the same record without a second copy that could drift.</item>
/// </list>
/// </summary>
internal sealed class ChannelStateReferenceStore(IChannelStateStore state) : IConversationReferenceStore
{
    public const string ConversationKind = "conversation";
    public const string UserKind = "user";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ChannelStateKey ConversationKey(string tenantId, string conversationId) => new(TeamsChannel.Name, tenantId, ConversationKind, conversationId);

    public static ChannelStateKey UserKey(string tenantId, string userId) => new(TeamsChannel.Name, tenantId, UserKind, userId);

    public async Task SaveAsync(TeamsConversationReference reference, CancellationToken ct)
    {
        if (reference.User is not { } user)
        {
            var conversationId = reference.ConversationId ?? throw new ArgumentException("A conversation reference needs a conversation id.", nameof(reference));
            await state.SaveAsync(ConversationKey(reference.TenantId, conversationId), JsonSerializer.Serialize(reference, Json), ct);
            return;
        }

        await state.SaveAsync(UserKey(reference.TenantId, user.Id), JsonSerializer.Serialize(reference, Json), ct);
        if (!string.Equals(user.TeamsId, user.Id, StringComparison.Ordinal))
        {
            await state.SaveAsync(UserKey(reference.TenantId, user.TeamsId), JsonSerializer.Serialize(new UserPointer(user.Id), Json), ct);
        }
    }

    public async Task<TeamsConversationReference?> FindConversationAsync(string tenantId, string conversationId, CancellationToken ct) =>
        await state.FindAsync(ConversationKey(tenantId, conversationId), ct) is { } json ? Read(json) : null;

    public async Task<TeamsConversationReference?> FindUserAsync(string tenantId, string userId, CancellationToken ct)
    {
        if (await state.FindAsync(UserKey(tenantId, userId), ct) is not { } json)
        {
            return null;
        }

        if (JsonSerializer.Deserialize<UserPointer>(json, Json) is { PointsTo: { Length: > 0 } canonical } && canonical != userId)
        {
            // One hop only: a pointer always names a canonical record, never another pointer.
            return await state.FindAsync(UserKey(tenantId, canonical), ct) is { } target ? ReadUser(target, userId) : null;
        }

        return ReadUser(json, userId);
    }

    private static TeamsConversationReference? Read(string json) => JsonSerializer.Deserialize<TeamsConversationReference>(json, Json);

    /// <summary>The record, if it really is the person asked for (a pointer left behind by a changed id is ignored).</summary>
    private static TeamsConversationReference? ReadUser(string json, string userId) =>
        Read(json) is { User: { } user } reference && (user.Id == userId || user.TeamsId == userId) ? reference : null;

    /// <summary>Stored under a person's Teams id when their canonical id is another (their Entra object id).</summary>
    private sealed record UserPointer(string? PointsTo);
}
