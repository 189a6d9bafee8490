using System.Text.Json;
using System.Text.Json.Serialization;
using DeliberationBot.Core.Digests;

namespace DeliberationBot.Storage.Digests;

/// <summary>
/// The snapshot's JSON, source-generated: a run serialises ten thousand concerns at once, and the first run after a start
/// would otherwise spend a third of its time building the serializer's metadata by reflection. A concern stands in a
/// snapshot up to three times (under its proposal, among the changes, among the stale); it is written once and the
/// lists refer to it by id (<see cref="StoredSnapshot"/>). A body in an earlier form reads as no snapshot, and the
/// digests that refer to it are composed again from the record.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredSnapshot))]
internal sealed partial class DigestSnapshotJson : JsonSerializerContext
{
    public static string Write(DigestSnapshot snapshot) => JsonSerializer.Serialize(Digests.StoredSnapshot.Of(snapshot), Default.StoredSnapshot);

    public static DigestSnapshot? Read(string json) =>
        JsonSerializer.Deserialize(json, Default.StoredSnapshot) is { Format: Digests.StoredSnapshot.CurrentFormat } stored ? stored.ToSnapshot() : null;
}

/// <summary>A <see cref="DigestSnapshot"/> as stored: each concern once, the lists by the concerns' ids.</summary>
internal sealed record StoredSnapshot(
    int Format,
    Guid Id,
    string WorkspaceId,
    DateTimeOffset TakenAt,
    int StaleAfterDays,
    IReadOnlyList<DigestConcern> Concerns,
    IReadOnlyList<StoredProposal> Proposals,
    IReadOnlyList<Guid> Stale,
    IReadOnlyList<DigestDue> ComingDue,
    IReadOnlyList<StoredChange> Changes,
    IReadOnlyDictionary<Guid, DigestHome>? Homes)
{
    public const int CurrentFormat = 2;

    public static StoredSnapshot Of(DigestSnapshot s)
    {
        var concerns = s.Proposals.SelectMany(p => p.OpenConcerns).Concat(s.Stale).Concat(s.Changes.Select(c => c.Concern)).DistinctBy(c => c.Id).ToList();
        return new(
            CurrentFormat, s.Id, s.WorkspaceId, s.TakenAt, s.StaleAfterDays, concerns,
            [.. s.Proposals.Select(p => new StoredProposal(p with { OpenConcerns = [] }, [.. p.OpenConcerns.Select(c => c.Id)]))],
            [.. s.Stale.Select(c => c.Id)],
            s.ComingDue,
            [.. s.Changes.Select(c => new StoredChange(c.Concern.Id, c.CreatedAt, c.UpdatedAt, c.Unresolved))],
            s.Homes);
    }

    public DigestSnapshot ToSnapshot()
    {
        var byId = Concerns.ToDictionary(c => c.Id);
        return new DigestSnapshot(
            Id, WorkspaceId, TakenAt, StaleAfterDays,
            [.. Proposals.Select(p => p.Proposal with { OpenConcerns = [.. p.OpenConcerns.Select(id => byId[id])] })],
            [.. Stale.Select(id => byId[id])],
            ComingDue,
            [.. Changes.Select(c => new DigestChange(byId[c.Concern], c.CreatedAt, c.UpdatedAt, c.Unresolved))])
        {
            Homes = Homes,
        };
    }
}

internal sealed record StoredProposal(DigestProposal Proposal, IReadOnlyList<Guid> OpenConcerns);

internal sealed record StoredChange(Guid Concern, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Unresolved);
