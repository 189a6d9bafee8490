using System.Security.Cryptography;
using System.Text;

namespace DeliberationBot.Slack.Inbound;

/// <summary>
/// Idempotency keys derived from what Slack sends again on a redelivery, so that Core's unique delivery key turns a
/// retry or a double submission into "already done".
/// </summary>
internal static class DeliveryKeys
{
    public static string Command(string teamId, string userId, string triggerOrFallback) => "slack:cmd:" + Hash(teamId, userId, triggerOrFallback);

    /// <summary>
    /// A button press that acts at once: the same person pressing the same button on the same message (or modal) is
    /// one press, however many times a double click or a redelivery sends it.
    /// </summary>
    public static string Click(string teamId, string userId, string surface, string actionId, string? value) =>
        "slack:click:" + Hash(teamId, userId, surface, actionId, value);

    /// <summary>A view version is (id, hash); the callback and metadata tell apart the steps shown in one modal.</summary>
    public static string View(string teamId, string viewId, string? hash, string? callbackId, string? metadata) =>
        $"slack:view:{viewId}:" + Hash(teamId, hash, callbackId, metadata);

    public static string Event(string eventId) => "slack:ev:" + eventId;

    /// <summary>A message is the same message whichever event (message, app_mention) or retry reports it.</summary>
    public static string Message(string teamId, string channelId, string ts) => "slack:msg:" + Hash(teamId, channelId, ts);

    /// <summary>One edit of a message: Slack gives each edit a ts of its own.</summary>
    public static string Edit(string teamId, string channelId, string ts, string editedTs) => "slack:edit:" + Hash(teamId, channelId, ts, editedTs);

    /// <summary>A message's deletion: Slack deletes a message once.</summary>
    public static string Deletion(string teamId, string channelId, string ts) => "slack:deleted:" + Hash(teamId, channelId, ts);

    private static string Hash(params string?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts.Select(p => p ?? ""))))).Substring(0, 32);
}
