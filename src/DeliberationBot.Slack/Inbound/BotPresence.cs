using DeliberationBot.Slack.Outbound;

namespace DeliberationBot.Slack.Inbound;

/// <summary>
/// Whether the bot is missing from the conversation a deliberation would start in. Slack delivers <c>/deliberate</c>
/// from any conversation, but the bot posts only in public channels and in the private channels and group DMs it was
/// invited to: a deliberation started elsewhere would have a card nobody sees. conversations.info answers
/// channel_not_found there. Asked within a short budget; when Slack does not answer in time, or the app lacks the scope
/// to ask, the start goes ahead as before.
/// </summary>
internal sealed class BotPresence(SlackApiClient api, TimeProvider time)
{
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(1500);

    public const string NotHere =
        "I'm not in this conversation, so nobody here could see the deliberation. Invite me first with /invite @DeliberationBot, " +
        "then type the command again. (In a direct message, start it in a channel instead.)";

    public async Task<bool> IsAbsentAsync(string teamId, string channelId, CancellationToken ct)
    {
        using var budget = new CancellationTokenSource(Budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try
        {
            var info = await api.FormAsync(teamId, "conversations.info", [new("channel", channelId)], linked.Token);
            return info.Status == SlackApiStatus.Error && info.Error == "channel_not_found";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Whether a command's text starts a deliberation ("start", with or without its arguments).</summary>
    public static bool Starts(string? text)
    {
        var trimmed = (text ?? "").TrimStart();
        return trimmed.StartsWith("start", StringComparison.OrdinalIgnoreCase) && (trimmed.Length == 5 || char.IsWhiteSpace(trimmed[5]));
    }
}
