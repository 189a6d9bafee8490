using System.Security.Cryptography;
using System.Text;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Installation;

namespace DeliberationBot.Teams.Inbound;

/// <summary>
/// One verified activity, as Core sees it: who acts (with the time zone their Teams client reports), in which workspace
/// (tenant) and conversation, and its delivery key.
/// </summary>
internal sealed record Turn(Activity Activity, string TenantId, Actor Actor, ConversationRef Home, string DeliveryKey)
{
    public static Turn From(Activity activity, string tenantId)
    {
        var from = activity.From!;
        var actor = new Actor(TeamsChannel.Name, tenantId, new UserRef(ConversationReferences.CanonicalId(from), from.Name), activity.ClientTimeZone);
        var home = new ConversationRef(TeamsChannel.Name, tenantId, ConversationIds.Base(activity.Conversation!.Id!));
        return new Turn(activity, tenantId, actor, home, DeliveryKeys.For(activity));
    }

    /// <summary>Where the activity itself was posted (a channel thread keeps its ";messageid=" suffix).</summary>
    public ConversationRef Here => new(TeamsChannel.Name, TenantId, Activity.Conversation!.Id!);
}

/// <summary>
/// Delivery keys from what Teams sends again on a redelivery (the same activity id in the same conversation), so that
/// Core's unique delivery key turns a retry into "already done".
/// </summary>
internal static class DeliveryKeys
{
    /// <remarks>
    /// One hash over both: the conversation alone would name an anonymous person's 1:1 chat, which is kept to reach them,
    /// and a kept key saying which chat a delivery came from, at the time their answer was written, would say whose
    /// answer it is.
    /// </remarks>
    public static string For(Activity activity) => "teams:" + Hash(activity.Id + "\n" + activity.Conversation!.Id!);

    /// <summary>
    /// One edit of a message: Teams names the message edited (its id), so the edit's time and words tell this edit from
    /// the next one, while a redelivery of it, the same activity again, has the same key.
    /// </summary>
    public static string Edit(Activity activity) =>
        "teams:edit:" + Hash(activity.Id + "\n" + activity.Conversation!.Id! + "\n" + activity.Timestamp + "\n" + activity.Text);

    /// <summary>The deletion of a message: it happens once.</summary>
    public static string Deletion(Activity activity) => "teams:deleted:" + Hash(activity.Id + "\n" + activity.Conversation!.Id!);

    /// <summary>One greeting per conversation, whichever install event (or its redelivery) asks for it.</summary>
    public static string Greeting(string conversationId) => $"teams:greeting:{Hash(ConversationIds.Base(conversationId))}";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20];
}
