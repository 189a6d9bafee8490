namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// Where words written for others to read answered: the thread of a deliberation's post (Slack, a Teams channel), or
/// the conversation itself where the deliberation is its only open one (a Teams group chat has no threads; a message
/// posted in a channel rather than under the card). What the person is told names the place they wrote in.
/// </summary>
public enum PublicPlace
{
    Thread,
    Conversation,
}

public static class PublicPlaces
{
    /// <summary>"reply in the thread", "message in the conversation".</summary>
    public static string Message(this PublicPlace place) => place == PublicPlace.Thread ? "reply in the thread" : "message in the conversation";

    /// <summary>"the thread", "the conversation".</summary>
    public static string Name(this PublicPlace place) => place == PublicPlace.Thread ? "the thread" : "the conversation";
}
