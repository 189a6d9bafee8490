using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Inbound;
using DeliberationBot.Teams.Outbound;

namespace DeliberationBot.Teams.Installation;

/// <summary>
/// Who may read a Teams conversation: its members, as the Bot Connector's roster of that conversation has them (a
/// channel's own members, a group chat's), read page by page (GET …/conversations/{id}/pagedmembers). A workspace here
/// is a whole tenant, so no conversation is open to everyone in it. A roster is remembered for a few minutes, so a
/// digest run reads it once per conversation, not once per reader; one the bot may no longer read (removed from the
/// team or chat) cannot tell.
/// </summary>
internal sealed class TeamsConversationReaders(ConversationReferences references, BotConnectorClient connector, TimeProvider time) : IConversationReaders
{
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    /// <summary>The largest page the connector gives.</summary>
    public const int PageSize = 500;

    private readonly RememberedAnswers<(string Tenant, string Conversation), IReadOnlySet<string>?> _rosters = new(Keep, time);

    public string Channel => TeamsChannel.Name;

    public async Task<bool?> MayReadAsync(ConversationRef conversation, UserRef person, CancellationToken ct)
    {
        var (tenantId, conversationId) = (conversation.WorkspaceId, ConversationIds.Base(conversation.ConversationId));
        var members = await _rosters.GetAsync((tenantId, conversationId), () => RosterAsync(tenantId, conversationId, ct));
        return members?.Contains(person.Id);
    }

    /// <summary>Every member by both ids a person is known by (Core knows them by their Entra object id when there is one).</summary>
    private async Task<IReadOnlySet<string>?> RosterAsync(string tenantId, string conversationId, CancellationToken ct)
    {
        if (await references.FindConversationAsync(tenantId, conversationId, ct) is not { } reference)
        {
            return null; // never heard from: nothing says where its roster is
        }

        var members = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? token = null;
        do
        {
            var page = await connector.GetPagedMembersAsync(reference.ServiceUrl, conversationId, PageSize, token, ct);
            if (!page.Ok)
            {
                return page.Status is ConnectorStatus.Retryable or ConnectorStatus.RateLimited or ConnectorStatus.MaybeDelivered
                    ? throw new ConversationReadersUnavailableException(page.ToString())
                    : null;
            }

            foreach (var member in page.Body?.Members ?? [])
            {
                members.UnionWith(new[] { member.Id, member.AadObjectId }.OfType<string>());
            }

            token = page.Body?.ContinuationToken is { Length: > 0 } next ? next : null;
        }
        while (token is not null);

        return members;
    }
}
