using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;

namespace DeliberationBot.Core.Scheduling;

/// <summary>What scheduled work reads across deliberations and workspaces, and the leases that let one instance run a job.</summary>
public interface IScheduleStore
{
    Task<DigestSubscription?> FindSubscriptionAsync(string workspaceId, string userId, CancellationToken ct);

    Task<IReadOnlyList<DigestSubscription>> ListDueSubscriptionsAsync(DateTimeOffset now, int max, CancellationToken ct);

    /// <summary>Open deliberations in every workspace (reminders, deadlines).</summary>
    Task<IReadOnlyList<Deliberation>> ListOpenDeliberationsAsync(CancellationToken ct);

    /// <summary>Takes or renews the lease on a job; false while another live instance holds it.</summary>
    Task<bool> TryAcquireLeaseAsync(string job, string holder, TimeSpan lease, CancellationToken ct);

    Task ReleaseLeaseAsync(string job, string holder, CancellationToken ct);
}

/// <summary>Work that runs on a schedule on exactly one instance at a time.</summary>
public interface IScheduledJob
{
    string Name { get; }

    /// <summary>A Cronos expression, read in <see cref="TimeZone"/>, e.g. "*/1 * * * *".</summary>
    string Cron { get; }

    /// <summary>The zone <see cref="Cron"/> is read in; UTC unless the job says otherwise.</summary>
    TimeZoneInfo TimeZone => TimeZoneInfo.Utc;

    Task RunAsync(CancellationToken ct);
}
