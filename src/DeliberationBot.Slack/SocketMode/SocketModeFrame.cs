using System.Text.Json;

namespace DeliberationBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode message: <c>hello</c>, <c>disconnect</c> (with its reason), or an envelope to acknowledge by its id,
/// whose <c>payload</c> is typed by the envelope's type (a slash command, an interaction, an Events API body).
/// </summary>
internal sealed record SocketModeFrame(
    string? Type = null,
    string? EnvelopeId = null,
    string? Reason = null,
    int? NumConnections = null,
    JsonElement? Payload = null);
