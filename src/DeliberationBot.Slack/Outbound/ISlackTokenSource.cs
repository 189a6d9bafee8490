namespace DeliberationBot.Slack.Outbound;

/// <summary>The bot token (xoxb-…) for a workspace, or null when the app is not installed there.</summary>
public interface ISlackTokenSource
{
    ValueTask<string?> BotTokenForAsync(string teamId, CancellationToken ct);
}
