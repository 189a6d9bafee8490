using DeliberationBot.Slack.Inbound;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Slack;

/// <summary>The adapter's log messages in one place (source-generated). User-written text is logged at Debug only.</summary>
internal sealed partial class SlackLog(ILogger<SlackLog> logger)
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request refused ({Outcome}) from {Remote}")]
    public partial void Refused(VerifyOutcome outcome, string? remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request rejected as malformed: {Reason}")]
    public partial void Malformed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request body over {Limit} bytes rejected")]
    public partial void TooLarge(int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Kind} for workspace {TeamId} was already handled (delivery {DeliveryKey}); nothing done again")]
    public partial void Duplicate(string kind, string teamId, string deliveryKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack redelivery {RetryNum} ({Reason})")]
    public partial void Redelivery(string retryNum, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the {What} modal in workspace {TeamId}: {Error}")]
    public partial void ModalNotOpened(string what, string teamId, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not join a public channel of workspace {TeamId} for its deliberation: {Error}; replies in its thread will not reach the bot")]
    public partial void NotJoined(string teamId, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send a reply in workspace {TeamId}: {Error}")]
    public partial void ReplyNotSent(string teamId, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a Slack {Kind} for workspace {TeamId} failed")]
    public partial void TurnFailed(Exception e, string kind, string? teamId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work after acknowledging a Slack request failed")]
    public partial void AfterFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack {Kind} ignored: {Why}")]
    public partial void Ignored(string kind, string why);

    /// <summary>How long the reply is, never its words: they are a person's answer.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "Thread reply in {Channel} to deliberation {DeliberationId}: {Length} characters")]
    public partial void ThreadAnswer(string channel, Guid deliberationId, int length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack is off: neither Slack:BotToken nor Slack:ClientId is set")]
    public partial void Disabled();

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack app installed in workspace {TeamId}")]
    public partial void Installed(string teamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack app install not completed: {Reason}")]
    public partial void InstallFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack installation of workspace {TeamId} deleted ({Why})")]
    public partial void Uninstalled(string teamId, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "The stored bot token of workspace {TeamId} cannot be decrypted (data-protection key lost?); the workspace must install the app again")]
    public partial void TokenUnreadable(string teamId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Name and time zone of a user in workspace {TeamId} unknown: {Why}")]
    public partial void PersonUnknown(string teamId, string? why);
}
