namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// The words of a reply written before its writer joined (<see cref="ThreadAnswering"/>), held for that person under
/// the reply's key (<paramref name="MessageKey"/>) until they join. The prompt's button or card carries only the key,
/// so a reply of any length waits whole, words never come back from a client, and an edit of the reply replaces them
/// for every prompt already sent. Empty once the reply was deleted: its words are not kept.
/// </summary>
public sealed record WaitingWords(string UserId, string MessageKey, string Text);
