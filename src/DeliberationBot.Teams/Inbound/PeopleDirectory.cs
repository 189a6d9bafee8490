using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Installation;
using DeliberationBot.Teams.Outbound;

namespace DeliberationBot.Teams.Inbound;

/// <summary>
/// Finds the id Core knows a person by. A mention names someone by their Teams id ("29:…") and a people picker by
/// their Entra object id, while people act under their Entra object id; so a mentioned owner must be translated, or
/// they could never close their own deliberation. Known people come from the stored references; others from the
/// conversation's roster (GET …/members/{id}), and are remembered for later 1:1 messages.
/// </summary>
internal sealed class PeopleDirectory(ConversationReferences references, BotConnectorClient connector, TeamsLog log)
{
    public async Task<IReadOnlyDictionary<string, UserRef>> ResolveAsync(Turn turn, IReadOnlyList<Mention> mentions, CancellationToken ct)
    {
        var result = new Dictionary<string, UserRef>(StringComparer.OrdinalIgnoreCase);
        foreach (var mention in mentions)
        {
            var person = await FindAsync(turn, mention.TeamsId, ct);
            result[mention.Key] = new UserRef(person?.Id ?? mention.TeamsId, mention.Name.Length > 0 ? mention.Name : person?.Name);
            if (person is null)
            {
                log.MentionUnresolved(mention.TeamsId, turn.TenantId);
            }
        }

        return result;
    }

    /// <summary>
    /// A person by any of their ids, with their name from the roster when it can be found (stored references keep no
    /// names); without a roster entry, the id Core knows them by.
    /// </summary>
    public async Task<UserRef> NameAsync(Turn turn, string userId, CancellationToken ct)
    {
        if (await FromRosterAsync(turn, userId, ct) is { } member)
        {
            return new UserRef(member.Id, member.Name);
        }

        var known = (await references.FindUserAsync(turn.TenantId, userId, ct))?.User;
        return new UserRef(known?.Id ?? userId);
    }

    /// <summary>The id Core knows a person by, and their name when the roster had to be asked.</summary>
    private sealed record Person(string Id, string? Name);

    private async Task<Person?> FindAsync(Turn turn, string userId, CancellationToken ct) =>
        (await references.FindUserAsync(turn.TenantId, userId, ct))?.User is { } known
            ? new Person(known.Id, null)
            : await FromRosterAsync(turn, userId, ct);

    /// <summary>Asks the roster (GET …/members/{id}) and remembers how to reach the person for later 1:1 messages.</summary>
    private async Task<Person?> FromRosterAsync(Turn turn, string userId, CancellationToken ct)
    {
        var activity = turn.Activity;
        var member = await connector.GetMemberAsync(activity.ServiceUrl!, RosterId(activity), userId, ct);
        if (!member.Ok || member.Body?.Id is not { Length: > 0 } teamsId)
        {
            return null;
        }

        var account = new ChannelAccount(teamsId, member.Body?.Name, member.Body?.AadObjectId);
        var saved = await references.RememberUserAsync(turn.TenantId, activity.ServiceUrl!, activity.Recipient?.Id ?? "", account, null, ct);
        return new Person(saved.User!.Id, account.Name);
    }

    /// <summary>In a team the roster is the team's (channelData.team.id); elsewhere the conversation's.</summary>
    private static string RosterId(Activity activity) =>
        activity.ChannelData?.Team?.Id ?? ConversationIds.Base(activity.Conversation!.Id!);
}
