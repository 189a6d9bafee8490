namespace DeliberationBot.Core.Channels;

/// <summary>
/// Small per-platform records a channel adapter keeps for itself (a Slack workspace's installation, a Teams
/// conversation reference), stored as JSON under (channel, workspace, kind, key). Core and storage never look inside;
/// secrets are protected by the adapter before they get here.
/// </summary>
public interface IChannelStateStore
{
    Task SaveAsync(ChannelStateKey key, string json, CancellationToken ct);

    Task<string?> FindAsync(ChannelStateKey key, CancellationToken ct);

    Task DeleteAsync(ChannelStateKey key, CancellationToken ct);
}

public sealed record ChannelStateKey(string Channel, string WorkspaceId, string Kind, string Key);
