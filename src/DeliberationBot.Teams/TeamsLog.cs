using Microsoft.Extensions.Logging;

namespace DeliberationBot.Teams;

/// <summary>The adapter's log messages in one place (source-generated). What people typed is logged at Debug only.</summary>
internal sealed partial class TeamsLog(ILogger<TeamsLog> logger)
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Teams is off: Teams:AppId is not set{Hint}")]
    public partial void Disabled(string hint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "!!! Teams is running WITHOUT AUTHENTICATION (Development, no Teams:AppId, Teams:AllowUnauthenticated=true): " +
        "anyone who can reach {Path} can act as any user. Use this only with local tools such as the Microsoft 365 Agents Playground. !!!")]
    public partial void UnauthenticatedMode(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams is on for app {AppId} ({AppType}, {Cloud} cloud)")]
    public partial void Enabled(string? appId, string appType, string cloud);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams request refused with 401: {Reason} (from {Remote})")]
    public partial void Unauthorized(string reason, string? remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams request rejected as malformed: {Reason}")]
    public partial void Malformed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams request body over {Limit} bytes rejected")]
    public partial void TooLarge(int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Count} Bot Framework signing key(s) from {MetadataUrl}")]
    public partial void SigningKeysFetched(int count, string metadataUrl);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not fetch the Bot Framework signing keys from {MetadataUrl}; still using the {Known} key(s) known before")]
    public partial void SigningKeysFailed(Exception e, string metadataUrl, int known);

    [LoggerMessage(Level = LogLevel.Information, Message = "A token names signing key {KeyId}, which is not known; fetching the keys again")]
    public partial void UnknownSigningKey(string keyId);

    /// <summary>How long the command is, never its words: they are people's (a concern typed, a title).</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "Teams command in tenant {TenantId} ({ConversationType}): {Length} characters")]
    public partial void Command(string tenantId, string? conversationType, int length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams {Kind} for tenant {TenantId} was already handled (delivery {DeliveryKey}); nothing done again")]
    public partial void Duplicate(string kind, string tenantId, string deliveryKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card action refused in tenant {TenantId}: {Why}")]
    public partial void BadCardAction(string why, string tenantId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Teams {Kind} ignored: {Why}")]
    public partial void Ignored(string kind, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot installed in tenant {TenantId} ({ConversationType}); greeting queued")]
    public partial void Installed(string tenantId, string? conversationType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mentioned user {TeamsId} in tenant {TenantId} could not be looked up; using their Teams id")]
    public partial void MentionUnresolved(string teamsId, string tenantId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a Teams {Type} activity {ActivityId} for tenant {TenantId} failed")]
    public partial void TurnFailed(Exception e, string type, string tenantId, string? activityId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bot Connector {Operation}: HTTP {Status} (X-Correlating-OperationId {CorrelationId})")]
    public partial void ConnectorCall(string operation, int status, string? correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Connector {Operation} failed: HTTP {Status} {Error} (X-Correlating-OperationId {CorrelationId})")]
    public partial void ConnectorFailed(string operation, int status, string? error, string? correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bot Connector {Operation} not sent: {Refusal}")]
    public partial void ServiceUrlRefused(string operation, string refusal);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not get a Bot Connector token ({ErrorCode})")]
    public partial void TokenFailed(Exception e, string errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId}: the earlier message {ActivityId} is gone; posting a new one")]
    public partial void RepostingGoneMessage(Guid messageId, string activityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created a 1:1 conversation {ConversationId} in tenant {TenantId}")]
    public partial void PersonalConversationCreated(string tenantId, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} was sent as {Parts} Teams messages, to fit Teams' size limit")]
    public partial void SentInParts(Guid messageId, int parts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A card pressed in a conversation was not drawn again for everyone there: {Result}")]
    public partial void CardNotUpdated(string result);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work after answering a Teams invoke failed")]
    public partial void AfterFailed(Exception e);
}
