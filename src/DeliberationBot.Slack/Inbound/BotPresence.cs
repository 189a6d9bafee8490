using System.Text.Json;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Inbound;

/// <summary>Where the bot stands in a conversation a deliberation would start in.</summary>
internal enum Presence
{
    /// <summary>A member, or Slack did not say in time: the start goes ahead as it is.</summary>
    Member,

    /// <summary>Not there and cannot post there (a private channel or DM it was not invited to): nothing may start.</summary>
    Absent,

    /// <summary>A public channel it posts in without being a member: it would not hear replies in the card's thread.</summary>
    PostsOnly,
}

/// <summary>
/// Whether the bot is in the conversation a deliberation would start in. Slack delivers <c>/deliberate</c> from any
/// conversation, but the bot posts only in public channels and in the private channels and group DMs it was invited
/// to: a deliberation started elsewhere would have a card nobody sees (conversations.info answers channel_not_found).
/// In a public channel it was not invited to it posts, but Slack sends it none of the channel's messages, so replies in
/// the card's thread would be lost: it joins the channel (<see cref="JoinAsync"/>). Asked within a short budget; when
/// Slack does not answer in time, or the app lacks the scope to ask, the start goes ahead as before.
/// </summary>
internal sealed class BotPresence(SlackApiClient api, BotMembership membership, SlackLog log, TimeProvider time)
{
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(1500);

    public const string NotHere =
        "I'm not in this conversation, so nobody here could see the deliberation. Invite me first with /invite @DeliberationBot, " +
        "then type the command again. (In a direct message, start it in a channel instead.)";

    public const string CannotJoin =
        "I couldn't join this channel, so replies in the deliberation's thread won't reach me: its message asks people to press " +
        "Answer instead. Invite me with /invite @DeliberationBot so that replies count too.";

    public async Task<Presence> CheckAsync(string teamId, string channelId, CancellationToken ct)
    {
        using var budget = new CancellationTokenSource(Budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try
        {
            var info = await api.FormAsync(teamId, "conversations.info", [new("channel", channelId)], linked.Token);
            return info switch
            {
                { Status: SlackApiStatus.Error, Error: "channel_not_found" } => Presence.Absent,
                { Ok: true } when IsPublicWithoutTheBot(info.Body) => Presence.PostsOnly,
                _ => Presence.Member,
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Presence.Member;
        }
    }

    /// <summary>
    /// Joins a public channel the bot posts in without being a member, so that replies in a deliberation's thread reach
    /// it; when Slack refuses (an install without channels:join), the deliberation's card stops inviting replies, and
    /// the person who started it is told, privately, how to mend it.
    /// </summary>
    /// <param name="deliveryKey">The start's: the card is redrawn once however often the start is delivered.</param>
    public async Task JoinAsync(string teamId, string channelId, string userId, string deliveryKey, CancellationToken ct)
    {
        var joined = await api.FormAsync(teamId, "conversations.join", [new("channel", channelId)], ct);
        if (joined.Ok)
        {
            return;
        }

        log.NotJoined(teamId, joined.Error);
        await membership.NotJoinedAsync(new ConversationRef(SlackChannel.Name, teamId, channelId), deliveryKey + "/not-joined", ct);
        var told = await api.PostEphemeralAsync(teamId, channelId, userId, MessageRenderer.Render(new Confirmation(CannotJoin)), null, ct);
        if (!told.Ok)
        {
            log.ReplyNotSent(teamId, told.Error);
        }
    }

    /// <summary>Whether a command's text starts a deliberation ("start", with or without its arguments).</summary>
    public static bool Starts(string? text)
    {
        var trimmed = (text ?? "").TrimStart();
        return trimmed.StartsWith("start", StringComparison.OrdinalIgnoreCase) && (trimmed.Length == 5 || char.IsWhiteSpace(trimmed[5]));
    }

    private static bool IsPublicWithoutTheBot(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.Object &&
        c.TryGetProperty("is_channel", out var channel) && channel.ValueKind == JsonValueKind.True &&
        c.TryGetProperty("is_private", out var isPrivate) && isPrivate.ValueKind == JsonValueKind.False &&
        c.TryGetProperty("is_member", out var member) && member.ValueKind == JsonValueKind.False;
}
