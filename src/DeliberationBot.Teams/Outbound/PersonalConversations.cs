using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Installation;

namespace DeliberationBot.Teams.Outbound;

/// <summary>
/// A person's 1:1 chat with the bot: the stored one, else created with POST /v3/conversations (bot, the person's
/// Teams id, the tenant, isGroup false) and stored for next time. The person's Teams id comes from the stored user
/// reference, else from the roster of the conversation the message is about. Teams refuses when the app is not
/// installed for the person or a team they are in (403); that failure says so.
/// </summary>
internal sealed class PersonalConversations(BotConnectorClient connector, ConversationReferences references, TeamsLog log)
{
    public sealed record Found(TeamsConversationReference? Conversation, SendResult? Failure);

    public async Task<Found> FindOrCreateAsync(string tenantId, UserRef user, ConversationRef context, CancellationToken ct)
    {
        var known = await references.FindUserAsync(tenantId, user.Id, ct);
        if (known?.ConversationId is not null)
        {
            return new Found(known, null);
        }

        if (known is null)
        {
            var home = await references.FindConversationAsync(tenantId, context.ConversationId, ct);
            if (home is null)
            {
                return new Found(null, SendResult.Fail($"I don't know {user.Display} in Teams yet, and have no reference for conversation {context.ConversationId} to look them up"));
            }

            var member = await connector.GetMemberAsync(home.ServiceUrl, ConversationIds.Base(context.ConversationId), user.Id, ct);
            if (!member.Ok || member.Body?.Id is not { Length: > 0 } teamsId)
            {
                return new Found(null, member.Status is ConnectorStatus.Retryable or ConnectorStatus.RateLimited
                    ? SendResult.Retry(member.ToString(), member.RetryAfter)
                    : SendResult.Fail($"{user.Display} is not in the roster of {context.ConversationId}: {member}"));
            }

            known = await references.RememberUserAsync(tenantId, home.ServiceUrl, home.BotId, new Inbound.ChannelAccount(teamsId, member.Body?.Name ?? user.Name, member.Body?.AadObjectId), null, ct);
        }

        var created = await connector.CreatePersonalConversationAsync(known.ServiceUrl, known.BotId, known.User!.TeamsId, tenantId, ct);
        if (!created.Ok || created.Id is not { Length: > 0 } conversationId)
        {
            return new Found(null, created.Status switch
            {
                ConnectorStatus.RateLimited => SendResult.Retry(created.ToString(), created.RetryAfter),
                ConnectorStatus.Retryable or ConnectorStatus.MaybeDelivered => SendResult.Retry(created.ToString()),
                _ => SendResult.Fail($"{created}. Teams only lets the bot message people who have the app installed, personally or in a team they are in."),
            });
        }

        log.PersonalConversationCreated(tenantId, conversationId);
        await references.SavePersonalConversationAsync(known, conversationId, ct);
        return new Found(known with { ConversationId = conversationId }, null);
    }
}
