namespace DeliberationBot.Slack.Inbound.Payloads;

/// <summary>An Events API body: the url_verification challenge, or an event_callback wrapping one event.</summary>
internal sealed record EventsApiBody(
    string Type,
    string? Challenge = null,
    string? TeamId = null,
    string? EventId = null,
    IReadOnlyList<EventAuthorization?>? Authorizations = null,
    SlackEvent? Event = null)
{
    /// <summary>Our bot's user id in the workspace the event came from.</summary>
    public string? BotUserId => Authorizations?.FirstOrDefault(a => a?.IsBot == true)?.UserId;
}

internal sealed record EventAuthorization(string? UserId = null, bool IsBot = false);

/// <summary>
/// The events we subscribe to: <c>message</c> and <c>app_mention</c> (who, where, the text and its thread; an edit
/// carries the message as it is now and as it was), <c>app_uninstalled</c>, and <c>tokens_revoked</c> (which tokens).
/// </summary>
internal sealed record SlackEvent(
    string Type,
    string? Subtype = null,
    string? User = null,
    string? BotId = null,
    string? Channel = null,
    string? Ts = null,
    string? ThreadTs = null,
    string? Text = null,
    RevokedTokens? Tokens = null,
    ChangedMessage? Message = null,
    ChangedMessage? PreviousMessage = null);

/// <summary>A message as a <c>message_changed</c> event carries it: <c>edited</c> is there when a person edited it.</summary>
internal sealed record ChangedMessage(
    string? User = null,
    string? BotId = null,
    string? Text = null,
    string? Ts = null,
    string? ThreadTs = null,
    MessageEdit? Edited = null);

/// <summary>Who edited a message, and when (a ts, different for each edit).</summary>
internal sealed record MessageEdit(string? User = null, string? Ts = null);

/// <summary>User ids whose tokens were revoked: <c>oauth</c> (user tokens, never stored here) and <c>bot</c>.</summary>
internal sealed record RevokedTokens(IReadOnlyList<string?>? Oauth = null, IReadOnlyList<string?>? Bot = null);
