using System.Text.RegularExpressions;
using DeliberationBot.Core.Deliberations;

namespace DeliberationBot.Core.Messaging;

/// <summary>
/// Tells a deliberation's facilitator, privately, that one of its messages finally failed: what did not reach whom and
/// why (a platform that rejected it for size or shape, a conversation the bot was removed from, attempts used up), so
/// nobody waits for a message that will not come. Once per failed message; a notice about a notice is never sent.
/// </summary>
public sealed partial class DeliveryFailureNotices(IDeliberationStore store, TimeProvider time)
{
    private const string KeyPrefix = "delivery-failed:";

    public async Task ReportAsync(OutboxMessage failed, string reason, CancellationToken ct)
    {
        if (failed.IdempotencyKey.StartsWith(KeyPrefix, StringComparison.Ordinal) || DeliberationOf(failed.Message) is not { } id ||
            await store.FindAsync(failed.WorkspaceId, id, ct) is not { } deliberation)
        {
            return;
        }

        var now = time.GetUtcNow();
        var key = KeyPrefix + failed.Id;
        // Into a conversation, the usual cause is the bot's absence, which the facilitator can mend; the resend is an admin's.
        var remedy = failed.Destination.User is null
            ? "If I was removed from the conversation, or never added to it, add me first; then an administrator can send failed messages again (POST /api/admin/outbox/retry)."
            : "An administrator can send failed messages again (POST /api/admin/outbox/retry).";
        var text = $"A message of \"{deliberation.Title}\" did not reach {Whom(failed.Destination)}: the {What(failed.Message)} ({reason}). " + remedy;
        var notice = new OutboxMessage(Guid.CreateVersion7(now), failed.WorkspaceId, key,
            Destination.PrivatelyTo(deliberation.Home, deliberation.Facilitator), new Confirmation(text), now);
        await store.CommitAsync(new Commit(failed.WorkspaceId, key) { Outbox = [notice] }, ct);
    }

    private static string Whom(Destination destination) => destination.User is { } user
        ? (user.Name ?? user.Id) + (destination.Mode == DeliveryMode.Ephemeral ? " (shown only to them)" : " (privately)")
        : "the conversation";

    /// <summary>"DeliberationCard" → "deliberation card".</summary>
    private static string What(OutgoingMessage message) => Words().Replace(message.GetType().Name, " $1").Trim().ToLowerInvariant();

    /// <summary>Messages about a deliberation carry its id as DeliberationId.</summary>
    private static Guid? DeliberationOf(OutgoingMessage message) =>
        message.GetType().GetProperty("DeliberationId")?.GetValue(message) as Guid?;

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();
}
