using DeliberationBot.Slack.Outbound;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Slack.Installation;

/// <summary>The workspace's installed bot token when the app is distributed (Slack:ClientId), else Slack:BotToken.</summary>
internal sealed class InstalledTokenSource(SlackInstallations installations, IOptions<SlackOptions> options) : ISlackTokenSource
{
    public async ValueTask<string?> BotTokenForAsync(string teamId, CancellationToken ct)
    {
        var opts = options.Value;
        if (opts.OAuth && await installations.BotTokenAsync(teamId, ct) is { } installed)
        {
            return installed;
        }

        return string.IsNullOrWhiteSpace(opts.BotToken) ? null : opts.BotToken;
    }
}
