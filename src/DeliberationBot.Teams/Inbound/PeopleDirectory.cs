using System.Text.Json;
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

    /// <summary>A person by any of their ids, with their name when it can be found.</summary>
    public async Task<UserRef> NameAsync(Turn turn, string userId, CancellationToken ct) =>
        await FindAsync(turn, userId, ct) is { } person ? new UserRef(person.Id, person.Name) : new UserRef(userId);

    private async Task<TeamsUser?> FindAsync(Turn turn, string userId, CancellationToken ct)
    {
        if ((await references.FindUserAsync(turn.TenantId, userId, ct))?.User is { } known)
        {
            return known;
        }

        var activity = turn.Activity;
        var member = await connector.GetMemberAsync(activity.ServiceUrl!, RosterId(activity), userId, ct);
        if (!member.Ok || member.Str("id") is not { Length: > 0 } teamsId)
        {
            return null;
        }

        var account = new ChannelAccount(teamsId, member.Str("name"), member.Str("aadObjectId"));
        var saved = await references.RememberUserAsync(turn.TenantId, activity.ServiceUrl!, activity.Recipient?.Id ?? "", account, null, ct);
        return saved.User;
    }

    /// <summary>In a team the roster is the team's (channelData.team.id); elsewhere the conversation's.</summary>
    private static string RosterId(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("team", out var team) && team.ValueKind == JsonValueKind.Object &&
        team.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : ConversationIds.Base(activity.Conversation!.Id!);
}
