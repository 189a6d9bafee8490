namespace DeliberationBot.Teams;

/// <summary>Names this adapter uses in Core (the outbox channel) and on the wire (the Bot Framework channel id).</summary>
internal static class TeamsChannel
{
    /// <summary>The channel in Core's addresses and outbox rows.</summary>
    public const string Name = "teams";

    /// <summary>The Bot Framework channel id of Microsoft Teams; signing keys must be endorsed for it.</summary>
    public const string BotFrameworkChannelId = "msteams";

    /// <summary>The Bot Framework messaging endpoint.</summary>
    public const string Path = "/api/messages";
}
