using DeliberationBot.Teams.Inbound;

namespace DeliberationBot.Teams.Installation;

/// <summary>
/// Keeps conversation references current from every verified activity (install events are not guaranteed, and the
/// service URL is regional and may change), writing only when something changed.
/// </summary>
internal sealed class ConversationReferences(IConversationReferenceStore store, TimeProvider time)
{
    public async Task RememberAsync(Activity activity, string tenantId, CancellationToken ct)
    {
        var serviceUrl = activity.ServiceUrl!;
        var botId = activity.Recipient?.Id ?? "";
        var conversationId = ConversationIds.Base(activity.Conversation!.Id!);
        var conversation = new TeamsConversationReference(
            tenantId, conversationId, serviceUrl, botId, activity.Conversation.ConversationType, null, time.GetUtcNow(), activity.Recipient?.Name is { Length: > 0 } name ? name : null);
        var stored = await store.FindConversationAsync(tenantId, conversationId, ct);
        if (stored is null || stored with { UpdatedAt = conversation.UpdatedAt } != conversation)
        {
            await store.SaveAsync(conversation, ct);
        }

        if (activity.From is { Id: { } fromId } from && !IsBot(from, botId))
        {
            await RememberUserAsync(tenantId, serviceUrl, botId, from, activity.IsPersonal ? activity.Conversation.Id : null, ct);
        }

        foreach (var member in activity.MembersAdded ?? [])
        {
            if (member.Id is not null && !IsBot(member, botId))
            {
                await RememberUserAsync(tenantId, serviceUrl, botId, member, null, ct);
            }
        }
    }

    /// <summary>Records how to reach a person (never their name); a known 1:1 conversation id is kept unless a new one is given.</summary>
    public async Task<TeamsConversationReference> RememberUserAsync(
        string tenantId, string serviceUrl, string botId, ChannelAccount account, string? personalConversationId, CancellationToken ct)
    {
        var user = new TeamsUser(CanonicalId(account), account.Id!);
        var stored = await store.FindUserAsync(tenantId, user.Id, ct);
        var reference = new TeamsConversationReference(
            tenantId, personalConversationId ?? stored?.ConversationId, serviceUrl, botId,
            personalConversationId is null ? stored?.ConversationType : "personal", user, time.GetUtcNow());
        if (stored is null || stored with { UpdatedAt = reference.UpdatedAt } != reference)
        {
            await store.SaveAsync(reference, ct);
        }

        return reference;
    }

    public async Task SavePersonalConversationAsync(TeamsConversationReference user, string conversationId, CancellationToken ct) =>
        await store.SaveAsync(user with { ConversationId = conversationId, ConversationType = "personal", UpdatedAt = time.GetUtcNow() }, ct);

    public Task<TeamsConversationReference?> FindConversationAsync(string tenantId, string conversationId, CancellationToken ct) =>
        store.FindConversationAsync(tenantId, ConversationIds.Base(conversationId), ct);

    public Task<TeamsConversationReference?> FindUserAsync(string tenantId, string userId, CancellationToken ct) =>
        store.FindUserAsync(tenantId, userId, ct);

    /// <summary>The id Core knows a person by: the Entra object id, stable across bots, else the Teams id.</summary>
    public static string CanonicalId(ChannelAccount account) => account.AadObjectId is { Length: > 0 } aad ? aad : account.Id!;

    private static bool IsBot(ChannelAccount account, string botId) =>
        account.Id == botId || account.Id?.StartsWith("28:", StringComparison.Ordinal) == true || string.Equals(account.Role, "bot", StringComparison.OrdinalIgnoreCase);
}
