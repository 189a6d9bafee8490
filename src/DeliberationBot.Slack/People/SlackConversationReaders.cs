using System.Text.Json;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Outbound;

namespace DeliberationBot.Slack.People;

/// <summary>
/// Who may read a Slack conversation: a public channel, the workspace's members (they can open it), though not its
/// guests, who see only the channels they were invited to; a private channel or a group direct message, its members
/// (conversations.info, then conversations.members page by page; users.info says who is a guest). What a conversation
/// holds is remembered for a few minutes, so a digest run asks once per conversation, not once per reader. Without the
/// scopes to ask (an install from before they were added), Slack answers missing_scope: "cannot tell".
/// </summary>
internal sealed class SlackConversationReaders(SlackApiClient api, SlackPeople people, TimeProvider time) : IConversationReaders
{
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    /// <summary>Members asked for per page: Slack recommends no more than 200 (it allows 1,000).</summary>
    public const int PageSize = 200;

    /// <summary>Whether a conversation is a public channel; null when Slack would not say.</summary>
    private readonly RememberedAnswers<(string Team, string Channel), bool?> _public = new(Keep, time);

    /// <summary>A conversation's members; null when Slack would not say.</summary>
    private readonly RememberedAnswers<(string Team, string Channel), IReadOnlySet<string>?> _members = new(Keep, time);

    public string Channel => SlackChannel.Name;

    public async Task<bool?> MayReadAsync(ConversationRef conversation, UserRef person, CancellationToken ct)
    {
        var key = (Team: conversation.WorkspaceId, Channel: conversation.ConversationId);
        var open = await _public.GetAsync(key, () => IsPublicAsync(key.Team, key.Channel, ct));
        if (open is null)
        {
            return null;
        }

        // A public channel is open to every member of the workspace; a guest reads only those they were invited to.
        var guest = open == true ? (await people.FindAsync(key.Team, person.Id, ct)).Guest : null;
        if (guest == false)
        {
            return true;
        }

        var members = await _members.GetAsync(key, () => MembersAsync(key.Team, key.Channel, ct));
        if (members is null || members.Contains(person.Id))
        {
            return members is null ? null : true;
        }

        // Not among a public channel's members: a guest may not read it, and users.info did not say whether this is one.
        return open == true && guest is null
            ? throw new ConversationReadersUnavailableException("Slack users.info did not say whether the reader is a guest")
            : false;
    }

    private async Task<bool?> IsPublicAsync(string teamId, string channel, CancellationToken ct)
    {
        var info = Answered(await api.FormAsync(teamId, "conversations.info", [new("channel", channel)], ct));
        if (info is not { } body || !body.TryGetProperty("channel", out var c) || c.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // Public only when Slack says so; anything else is read as private, whose members are asked.
        return c.TryGetProperty("is_private", out var isPrivate) && isPrivate.ValueKind == JsonValueKind.False && !Flag(c, "is_im") && !Flag(c, "is_mpim");
    }

    private async Task<IReadOnlySet<string>?> MembersAsync(string teamId, string channel, CancellationToken ct)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        var cursor = "";
        do
        {
            List<KeyValuePair<string, string>> fields = [new("channel", channel), new("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            if (cursor.Length > 0)
            {
                fields.Add(new("cursor", cursor));
            }

            if (Answered(await api.FormAsync(teamId, "conversations.members", fields, ct)) is not { } page
                || !page.TryGetProperty("members", out var ids) || ids.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var id in ids.EnumerateArray())
            {
                if (id.ValueKind == JsonValueKind.String)
                {
                    members.Add(id.GetString()!);
                }
            }

            cursor = page.TryGetProperty("response_metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString()! : "";
        }
        while (cursor.Length > 0);

        return members;
    }

    /// <summary>The answer's body; null when Slack refused (the refusal is logged by the client); throws when it may answer later.</summary>
    private static JsonElement? Answered(SlackApiResult result) => result.Status switch
    {
        SlackApiStatus.Ok when result.Body.ValueKind == JsonValueKind.Object => result.Body,
        SlackApiStatus.RateLimited or SlackApiStatus.Transient => throw new ConversationReadersUnavailableException($"Slack {result.Method}: {result.Error}"),
        _ => null,
    };

    private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
