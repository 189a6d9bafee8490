using System.Text.RegularExpressions;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Reports;
using DeliberationBot.Core.Summaries;

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
        // Into a conversation, the usual cause is the bot's absence, which the facilitator can mend: adding the bot sends
        // what failed there again (BotMembership). Anything else is an administrator's to send again.
        var remedy = failed.Destination.Mode != DeliveryMode.Private
            ? "If I was removed from the conversation, or never added to it, add me to it: what did not reach it is sent again as soon as I am back. Otherwise an administrator can send failed messages again (POST /api/admin/outbox/retry)."
            : "An administrator can send failed messages again (POST /api/admin/outbox/retry).";
        var text = $"A message of \"{deliberation.Title}\" did not reach {Whom(failed.Destination)}: the {What(failed.Message)} ({reason}). " + remedy;
        var notice = new OutboxMessage(Guid.CreateVersion7(now), failed.WorkspaceId, key,
            Destination.PrivatelyTo(deliberation.Home, deliberation.Facilitator), new Confirmation(text), now);
        await store.CommitAsync(new Commit(failed.WorkspaceId, key) { Outbox = [notice] }, ct);
    }

    private static string Whom(Destination destination) => destination.User is { } user
        ? (user.Name ?? user.Id) + (destination.Mode == DeliveryMode.Ephemeral ? " (shown only to them)" : " (privately)")
        : "the conversation";

    /// <summary>What the message was, as its readers know it; otherwise its type in words ("ConcernList" → "concern list").</summary>
    private static string What(OutgoingMessage message) => message switch
    {
        DeliberationCard => "deliberation card",
        SummaryPlaceholder or SummaryReport => "summary",
        DecisionRequest => "request for a decision",
        DecisionRecorded => "decision",
        OwnerConcerns => "concerns for the owners",
        ConcernResponseNotice => "owners' response to a concern",
        GroupPrompt => "question of which group they answer as",
        ReminderNotice => "reminder",
        ReportLink => "link to the deliberation's page",
        _ => Words().Replace(message.GetType().Name, " $1").Trim().ToLowerInvariant(),
    };

    /// <summary>Messages about a deliberation carry its id as DeliberationId.</summary>
    private static Guid? DeliberationOf(OutgoingMessage message) =>
        message.GetType().GetProperty("DeliberationId")?.GetValue(message) as Guid?;

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();
}
