namespace DeliberationBot.Slack;

internal static class SlackChannel
{
    /// <summary>The channel name in Core's addresses (Actor, ConversationRef) and the outbox.</summary>
    public const string Name = "slack";
}
