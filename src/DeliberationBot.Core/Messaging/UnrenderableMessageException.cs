namespace DeliberationBot.Core.Messaging;

/// <summary>
/// A renderer met a message type it has no rendering for. That is a bug where the type was added, so it fails loudly
/// (the outbox keeps the message and retries it) instead of sending something the reader was not meant to get.
/// </summary>
public sealed class UnrenderableMessageException(string renderer, OutgoingMessage message)
    : InvalidOperationException($"The {renderer} renderer has no rendering for {message.GetType().Name}: add one to it.");
