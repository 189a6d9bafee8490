using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Core.Scheduling;

/// <summary>
/// Runs each scheduled job at its cron times, on one instance at a time: a job runs only under a lease taken in the
/// database, so several instances share the work and one that dies mid-job is replaced when its lease ends. Every job
/// also runs once at start, which is how work missed during downtime is caught up.
/// </summary>
public sealed partial class SchedulerWorker : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly IReadOnlyList<(IScheduledJob Job, CronExpression Cron)> _jobs;
    private readonly IScheduleStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<SchedulerWorker> _logger;
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public SchedulerWorker(IEnumerable<IScheduledJob> jobs, IScheduleStore store, TimeProvider time, ILogger<SchedulerWorker> logger)
    {
        var list = jobs.ToList();
        if (list.GroupBy(j => j.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new InvalidOperationException($"Scheduled job '{duplicate.Key}' is registered more than once.");
        }

        _jobs = [.. list.Select(j => (j, CronExpression.Parse(j.Cron)))];
        _store = store;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var due = _jobs.ToDictionary(j => j.Job.Name, _ => _time.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            foreach (var (job, cron) in _jobs.Where(j => due[j.Job.Name] <= now))
            {
                await RunOnceAsync(job, stoppingToken);
                due[job.Name] = NextRun(job, cron, _time.GetUtcNow());
            }

            var wait = due.Values.Min() - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _time, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>When <paramref name="job"/> runs next after <paramref name="after"/>: its cron times in its own zone.</summary>
    public static DateTimeOffset NextRun(IScheduledJob job, CronExpression cron, DateTimeOffset after) =>
        cron.GetNextOccurrence(after, job.TimeZone) ?? DateTimeOffset.MaxValue;

    /// <summary>Runs a job if this instance wins its lease; returns whether it ran.</summary>
    public async Task<bool> RunOnceAsync(IScheduledJob job, CancellationToken ct)
    {
        try
        {
            if (!await _store.TryAcquireLeaseAsync(job.Name, _instance, Lease, ct))
            {
                return false;
            }

            try
            {
                await job.RunAsync(ct);
                return true;
            }
            finally
            {
                await _store.ReleaseLeaseAsync(job.Name, _instance, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogJobFailed(e, job.Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled job {Job} failed; it runs again at its next time")]
    private partial void LogJobFailed(Exception e, string job);
}
