using System.Text.Json;
using System.Text.Json.Serialization;
using DeliberationBot.Core.Digests;

namespace DeliberationBot.Storage.Digests;

/// <summary>
/// The snapshot's JSON, source-generated: a run serialises ten thousand concerns at once, and the first run after a start
/// would otherwise spend a third of its time building the serializer's metadata by reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DigestSnapshot))]
internal sealed partial class DigestSnapshotJson : JsonSerializerContext
{
    public static string Write(DigestSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Default.DigestSnapshot);

    public static DigestSnapshot Read(string json) =>
        JsonSerializer.Deserialize(json, Default.DigestSnapshot) ?? throw new InvalidOperationException("A stored digest snapshot is empty.");
}
