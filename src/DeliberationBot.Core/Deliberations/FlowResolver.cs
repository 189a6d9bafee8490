using System.Collections.Concurrent;
using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Deliberations;

/// <summary>Finds the exact flow version a deliberation started with: the loaded one if unchanged, else its stored snapshot.</summary>
public sealed class FlowResolver(FlowCatalog catalog, IDeliberationStore store)
{
    private readonly ConcurrentDictionary<(string, string), FlowDefinition> _snapshots = new();

    public async Task<FlowDefinition> ForAsync(Deliberation deliberation, CancellationToken ct)
    {
        if (catalog.Find(deliberation.FlowId) is { } current && current.Version == deliberation.FlowVersion)
        {
            return current;
        }

        var key = (deliberation.FlowId, deliberation.FlowVersion);
        if (_snapshots.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var source = await store.FindFlowSourceAsync(deliberation.FlowId, deliberation.FlowVersion, ct)
            ?? throw new InvalidOperationException($"Flow {deliberation.FlowId} version {deliberation.FlowVersion} of deliberation {deliberation.Id} is missing from the store.");
        var flow = FlowParser.Parse(source, $"{deliberation.FlowId}@{deliberation.FlowVersion}");
        _snapshots[key] = flow;
        return flow;
    }
}
