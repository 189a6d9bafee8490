using System.Security.Cryptography;
using System.Text.Json;
using DeliberationBot.Core.Channels;
using Microsoft.AspNetCore.DataProtection;

namespace DeliberationBot.Slack.Installation;

/// <summary>What an OAuth install left us with, as stored: the bot token only in its protected (encrypted) form.</summary>
internal sealed record SlackInstallation(
    string TeamId,
    string? TeamName,
    string? EnterpriseId,
    string? AppId,
    string? BotUserId,
    string Scopes,
    string ProtectedBotToken,
    string? InstalledBy,
    DateTimeOffset InstalledAt);

/// <summary>
/// One installation per workspace, kept in the channel state store under (slack, team id, installation, bot). The bot
/// token is protected with ASP.NET Data Protection before it is stored and unprotected only when a call needs it.
/// </summary>
internal sealed class SlackInstallations(IChannelStateStore state, IDataProtectionProvider protection, SlackLog log)
{
    public const string TokenPurpose = "DeliberationBot.Slack.BotToken.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector _tokens = protection.CreateProtector(TokenPurpose);

    public static ChannelStateKey Key(string teamId) => new(SlackChannel.Name, teamId, "installation", "bot");

    public Task SaveAsync(SlackInstallation installation, CancellationToken ct) =>
        state.SaveAsync(Key(installation.TeamId), JsonSerializer.Serialize(installation, Json), ct);

    public string Protect(string botToken) => _tokens.Protect(botToken);

    public async Task<SlackInstallation?> FindAsync(string teamId, CancellationToken ct) =>
        await state.FindAsync(Key(teamId), ct) is { } json ? JsonSerializer.Deserialize<SlackInstallation>(json, Json) : null;

    /// <summary>The workspace's bot token, or null when it is not installed (or its token can no longer be read).</summary>
    public async Task<string?> BotTokenAsync(string teamId, CancellationToken ct)
    {
        if (await FindAsync(teamId, ct) is not { } installation)
        {
            return null;
        }

        try
        {
            return _tokens.Unprotect(installation.ProtectedBotToken);
        }
        catch (CryptographicException)
        {
            // The data-protection key ring lost the key (e.g. a new database): the workspace must install again.
            log.TokenUnreadable(teamId);
            return null;
        }
    }

    public Task DeleteAsync(string teamId, CancellationToken ct) => state.DeleteAsync(Key(teamId), ct);
}
