namespace DeliberationBot.Slack.Inbound.Payloads;

/// <summary>A slash command invocation: form fields over HTTP, the same fields as JSON over Socket Mode.</summary>
internal sealed record SlashCommand(
    string TeamId,
    string ChannelId,
    string UserId,
    string Command,
    string? UserName = null,
    string Text = "",
    string? TriggerId = null,
    string? ResponseUrl = null)
{
    /// <summary>The form Slack posts over HTTP; every field is text there, so only presence can be wrong.</summary>
    public static SlashCommand FromForm(Func<string, string?> field) => new SlashCommand(
        field("team_id") ?? "", field("channel_id") ?? "", field("user_id") ?? "", field("command") ?? "",
        field("user_name"), field("text") ?? "", field("trigger_id"), field("response_url")).Checked();

    /// <summary>The ids a command is useless without: present and not empty, whichever transport brought it.</summary>
    public SlashCommand Checked()
    {
        SlackPayload.Required(TeamId, "slash command team_id");
        SlackPayload.Required(ChannelId, "slash command channel_id");
        SlackPayload.Required(UserId, "slash command user_id");
        SlackPayload.Required(Command, "slash command command");
        return this;
    }
}
