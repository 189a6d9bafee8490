namespace DeliberationBot.Slack;

/// <summary>
/// What the Slack app must be configured with for this code to work: the bot scopes it asks for when installed and
/// the Events API subscriptions its handlers need. manifests/slack/manifest.yaml lists exactly these (a test checks).
/// </summary>
internal static class SlackApp
{
    public const string Command = "/deliberate";

    /// <summary>Each scope is used by the code; manifests/slack/manifest.yaml says which call needs it.</summary>
    public static IReadOnlyList<string> BotScopes { get; } =
    [
        "app_mentions:read",
        "channels:history",
        "channels:join",
        "channels:read",
        "chat:write",
        "chat:write.public",
        "commands",
        "groups:history",
        "groups:read",
        "im:history",
        "im:write",
        "mpim:history",
        "mpim:read",
        "users:read",
    ];

    /// <summary>The event subscriptions (manifest bot_events) that deliver each event type the handler handles.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> EventSubscriptions { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["message"] = ["message.channels", "message.groups"],
        ["app_mention"] = ["app_mention"],
        ["app_uninstalled"] = ["app_uninstalled"],
        ["tokens_revoked"] = ["tokens_revoked"],
        ["member_joined_channel"] = ["member_joined_channel"],
        ["channel_left"] = ["channel_left"],
        ["group_left"] = ["group_left"],
    };
}
