using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Inbound;

namespace DeliberationBot.Teams.Installation;

/// <summary>
/// conversationUpdate (the bot among membersAdded) and installationUpdate (action "add"): one short greeting on how
/// to start, queued through the outbox under a key per conversation, so the two events Teams sends for one install,
/// and their redeliveries, greet once. What failed for want of the bot in the tenant is sent again (<see cref="BotMembership"/>):
/// added to a team, the bot reaches every channel of it and every member. Removed (the bot among membersRemoved),
/// the facilitators of the deliberations open in that conversation are told.
/// </summary>
internal sealed class InstallationHandler(ReplyQueue queue, BotMembership membership, TeamsLog log)
{
    public async Task HandleAsync(Turn turn, CancellationToken ct)
    {
        var activity = turn.Activity;
        var botId = activity.Recipient?.Id;
        var added = activity.Type == ActivityTypes.InstallationUpdate
            ? string.Equals(activity.Action, "add", StringComparison.OrdinalIgnoreCase)
            : activity.MembersAdded?.Any(m => m.Id is not null && m.Id == botId) == true;
        if (!added)
        {
            // Teams sends installationUpdate "remove" beside it: one of the two tells, or facilitators would hear it twice.
            if (activity.Type == ActivityTypes.ConversationUpdate && activity.MembersRemoved?.Any(m => m.Id is not null && m.Id == botId) == true)
            {
                await membership.RemovedFromAsync(turn.Home, stillPosts: false, turn.DeliveryKey, ct);
                return;
            }

            log.Ignored(activity.Type!, activity.Action ?? "no bot installation");
            return;
        }

        log.Installed(turn.TenantId, activity.Conversation!.ConversationType);
        var key = DeliveryKeys.Greeting(activity.Conversation.Id!);
        await queue.QueueOnceAsync(turn.TenantId, key, Destination.To(turn.Home), Greeting(activity), ct);
        await membership.AddedInWorkspaceAsync(TeamsChannel.Name, turn.TenantId, ct);
    }

    private static Confirmation Greeting(Activity activity)
    {
        var name = activity.Recipient?.Name is { Length: > 0 } n ? n : "DeliberationBot";
        return new Confirmation(activity.IsPersonal
            ? $"Hi, I'm {name}. I help agencies hear everyone affected before an AI tool goes ahead. Type \"start\" to open a deliberation, \"flows\" to see the question flows, or \"help\" for everything I can do."
            : $"Hi, I'm {name}. I help this team hear everyone affected before an AI tool goes ahead. Mention me with \"start\" (@{name} start) to open a deliberation here, or with \"help\" for everything I can do.");
    }
}
