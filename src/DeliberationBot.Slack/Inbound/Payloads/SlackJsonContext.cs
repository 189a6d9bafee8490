using System.Text.Json.Serialization;
using DeliberationBot.Slack.SocketMode;

namespace DeliberationBot.Slack.Inbound.Payloads;

/// <summary>
/// The shapes of everything Slack sends us, read by source-generated code. Fields we don't model are ignored; a field we
/// model holding the wrong JSON type, or a required one missing or null, is a <see cref="System.Text.Json.JsonException"/>,
/// which both transports treat as a malformed payload.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(InteractionPayload))]
[JsonSerializable(typeof(EventsApiBody))]
[JsonSerializable(typeof(SlashCommand))]
[JsonSerializable(typeof(SocketModeFrame))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
