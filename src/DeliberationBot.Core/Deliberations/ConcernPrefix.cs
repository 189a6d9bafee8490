namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// A typed answer (a thread reply, a message to the bot) that starts with <c>concern:</c> is flagged as a concern; the
/// words after the prefix are the answer.
/// </summary>
public static class ConcernPrefix
{
    public const string Prefix = "concern:";

    public const string Hint = "Start your reply with \"concern:\" to flag it as a concern for the owners.";

    public static (string Words, bool Flagged) Strip(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            ? (trimmed[Prefix.Length..].Trim(), true)
            : (text, false);
    }
}
