using System.Text.Json;

namespace DeliberationBot.Slack.Inbound;

/// <summary>A slash command invocation: form fields over HTTP, the same fields as JSON over Socket Mode.</summary>
internal sealed record SlashCommand(
    string TeamId,
    string ChannelId,
    string UserId,
    string? UserName,
    string Command,
    string Text,
    string? TriggerId,
    string? ResponseUrl)
{
    public static SlashCommand From(Func<string, string?> field)
    {
        string Required(string name) => field(name) is { Length: > 0 } value ? value : throw new SlackPayloadException($"slash command without {name}");
        return new SlashCommand(
            Required("team_id"), Required("channel_id"), Required("user_id"), field("user_name"), Required("command"),
            field("text") ?? "", field("trigger_id"), field("response_url"));
    }

    public static SlashCommand FromJson(JsonElement payload) => From(name => payload.Str(name));
}
