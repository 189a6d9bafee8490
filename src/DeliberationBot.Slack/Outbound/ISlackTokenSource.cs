using Microsoft.Extensions.Options;

namespace DeliberationBot.Slack.Outbound;

/// <summary>The bot token (xoxb-…) for a workspace, or null when the app is not installed there.</summary>
public interface ISlackTokenSource
{
    ValueTask<string?> BotTokenForAsync(string teamId, CancellationToken ct);
}

/// <summary>Single-workspace mode: the one token from Slack:BotToken, whatever the team.</summary>
internal sealed class ConfiguredTokenSource(IOptions<SlackOptions> options) : ISlackTokenSource
{
    public ValueTask<string?> BotTokenForAsync(string teamId, CancellationToken ct) =>
        ValueTask.FromResult(string.IsNullOrWhiteSpace(options.Value.BotToken) ? null : options.Value.BotToken);
}
