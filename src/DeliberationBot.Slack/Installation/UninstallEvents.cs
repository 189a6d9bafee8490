using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Inbound.Payloads;

namespace DeliberationBot.Slack.Installation;

/// <summary>app_uninstalled and tokens_revoked: the workspace's installation (and its token) is deleted.</summary>
internal sealed class UninstallEvents(SlackInstallations installations, SlackLog log)
{
    public async Task<SlackAck> AppUninstalledAsync(string teamId, CancellationToken ct)
    {
        await installations.DeleteAsync(teamId, ct);
        log.Uninstalled(teamId, "app_uninstalled");
        return SlackAck.Empty;
    }

    /// <summary>Only the revocation of our bot's token matters; users' tokens are never stored.</summary>
    public async Task<SlackAck> TokensRevokedAsync(string teamId, RevokedTokens? tokens, CancellationToken ct)
    {
        var bots = (tokens?.Bot ?? []).OfType<string>().ToList();
        if (bots.Count == 0 || await installations.FindAsync(teamId, ct) is not { } installation)
        {
            log.Ignored("tokens_revoked", "no bot token of an installation");
            return SlackAck.Empty;
        }

        if (installation.BotUserId is null || bots.Contains(installation.BotUserId, StringComparer.Ordinal))
        {
            await installations.DeleteAsync(teamId, ct);
            log.Uninstalled(teamId, "tokens_revoked");
        }

        return SlackAck.Empty;
    }
}
