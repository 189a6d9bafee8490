using System.Text.Json;
using System.Text.Json.Serialization;
using DeliberationBot.Teams.Inbound;
using DeliberationBot.Teams.Outbound;

namespace DeliberationBot.Teams;

/// <summary>
/// The Bot Framework JSON this adapter reads and writes, source-generated: the inbound activity (with Teams' channel
/// data and card actions), the addressing of what the bot sends, and the Bot Connector's answers. A field of the wrong
/// type is a <see cref="JsonException"/>; fields this adapter does not read are ignored.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(CardAction))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConnectorResponse))]
internal sealed partial class TeamsJson : JsonSerializerContext;
