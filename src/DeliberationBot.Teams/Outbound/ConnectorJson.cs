using DeliberationBot.Teams.Inbound;

namespace DeliberationBot.Teams.Outbound;

/// <summary>POST /v3/conversations: a 1:1 chat between the bot and one person in a tenant (protocols.md B.3).</summary>
internal sealed record ConversationParameters(ChannelAccount Bot, IReadOnlyList<ChannelAccount> Members, TeamsChannelData ChannelData, string TenantId, bool IsGroup);

/// <summary>
/// What this adapter reads from a Bot Connector answer: the id of what was sent or created (an activity, a
/// conversation), a member's id, name and Entra object id, a page of members and the token for the next, or an
/// error's code and message.
/// </summary>
internal sealed record ConnectorResponse(
    string? Id = null, string? Name = null, string? AadObjectId = null, ConnectorError? Error = null,
    IReadOnlyList<ConnectorResponse>? Members = null, string? ContinuationToken = null);

internal sealed record ConnectorError(string? Code = null, string? Message = null);
