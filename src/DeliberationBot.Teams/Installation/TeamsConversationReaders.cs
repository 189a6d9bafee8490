using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Inbound;
using DeliberationBot.Teams.Outbound;

namespace DeliberationBot.Teams.Installation;

/// <summary>
/// Who may read a Teams conversation: its members, as the Bot Connector's roster of that conversation has them
/// (GET …/conversations/{id}/members/{user}: a channel's own members, a group chat's). A workspace here is a whole tenant,
/// so no conversation is open to everyone in it. A person the roster does not know (404) may not read it; a roster the
/// bot may no longer ask (removed from the team or chat) cannot tell.
/// </summary>
internal sealed class TeamsConversationReaders(ConversationReferences references, BotConnectorClient connector) : IConversationReaders
{
    public string Channel => TeamsChannel.Name;

    public async Task<bool?> MayReadAsync(ConversationRef conversation, UserRef person, CancellationToken ct)
    {
        var conversationId = ConversationIds.Base(conversation.ConversationId);
        if (await references.FindConversationAsync(conversation.WorkspaceId, conversationId, ct) is not { } reference)
        {
            return null; // never heard from: nothing says where its roster is
        }

        var member = await connector.GetMemberAsync(reference.ServiceUrl, conversationId, person.Id, ct);
        return member switch
        {
            { Ok: true } => true,
            { Status: ConnectorStatus.Rejected, HttpStatus: 404 } => false,
            { Status: ConnectorStatus.Retryable or ConnectorStatus.RateLimited or ConnectorStatus.MaybeDelivered } =>
                throw new ConversationReadersUnavailableException(member.ToString()),
            _ => null,
        };
    }
}
