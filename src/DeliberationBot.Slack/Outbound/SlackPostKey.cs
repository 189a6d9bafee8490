using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeliberationBot.Slack.Outbound;

/// <summary>
/// Which outbox message (and which part of it) a Slack post was sent for, carried in the post's message metadata so a
/// post whose answer was lost can be recognised in the conversation's history.
/// </summary>
internal readonly record struct SlackPostKey(Guid OutboxId, int Part)
{
    public const string EventType = "deliberationbot_outbox";

    public JsonObject ToMetadata() => new()
    {
        ["event_type"] = EventType,
        ["event_payload"] = new JsonObject { ["outbox_id"] = OutboxId.ToString(), ["part"] = Part },
    };

    public static SlackPostKey? Read(JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty("event_type", out var type) || type.ValueKind != JsonValueKind.String ||
            type.GetString() != EventType || !metadata.TryGetProperty("event_payload", out var payload) || payload.ValueKind != JsonValueKind.Object ||
            !payload.TryGetProperty("outbox_id", out var id) || id.ValueKind != JsonValueKind.String || !Guid.TryParse(id.GetString(), CultureInfo.InvariantCulture, out var outboxId))
        {
            return null;
        }

        var part = payload.TryGetProperty("part", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) ? n : 0;
        return new SlackPostKey(outboxId, part);
    }
}
