using System.Text.Json;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Outbound;

namespace DeliberationBot.Slack.People;

/// <summary>
/// Who may read a Slack conversation: anyone in the workspace for a public channel (they can open it), its members for a
/// private channel or a group direct message (conversations.info, then conversations.members page by page). What a
/// conversation holds is remembered for a few minutes, so a digest run asks once per conversation, not once per reader.
/// Without the scopes to ask (an install from before they were added), Slack answers missing_scope: "cannot tell".
/// </summary>
internal sealed class SlackConversationReaders(SlackApiClient api, TimeProvider time) : IConversationReaders
{
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    /// <summary>Members asked for per page: Slack recommends no more than 200 (it allows 1,000).</summary>
    public const int PageSize = 200;

    /// <summary>Null: Slack would not say. Otherwise everyone in the workspace, or these members.</summary>
    private sealed record Readers(bool Everyone, IReadOnlySet<string> Members);

    private readonly RememberedAnswers<(string Team, string Channel), Readers?> _known = new(Keep, time);

    public string Channel => SlackChannel.Name;

    public async Task<bool?> MayReadAsync(ConversationRef conversation, UserRef person, CancellationToken ct)
    {
        var (team, channel) = (conversation.WorkspaceId, conversation.ConversationId);
        var readers = await _known.GetAsync((team, channel), () => AskAsync(team, channel, ct));
        return readers is null ? null : readers.Everyone || readers.Members.Contains(person.Id);
    }

    private async Task<Readers?> AskAsync(string teamId, string channel, CancellationToken ct)
    {
        var info = Answered(await api.FormAsync(teamId, "conversations.info", [new("channel", channel)], ct));
        if (info is not { } body || !body.TryGetProperty("channel", out var c) || c.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // Public only when Slack says so; anything else is read as private, whose members are asked.
        if (c.TryGetProperty("is_private", out var isPrivate) && isPrivate.ValueKind == JsonValueKind.False && !Flag(c, "is_im") && !Flag(c, "is_mpim"))
        {
            return new Readers(true, new HashSet<string>());
        }

        var members = new HashSet<string>(StringComparer.Ordinal);
        var cursor = "";
        do
        {
            List<KeyValuePair<string, string>> fields = [new("channel", channel), new("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            if (cursor.Length > 0)
            {
                fields.Add(new("cursor", cursor));
            }

            if (Answered(await api.FormAsync(teamId, "conversations.members", fields, ct)) is not { } page)
            {
                return null;
            }

            if (!page.TryGetProperty("members", out var ids) || ids.ValueKind != JsonValueKind.Array)
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

        return new Readers(false, members);
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
