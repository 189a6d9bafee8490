using System.Diagnostics;
using System.Globalization;
using System.Text;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Benchmarks.Digests;

/// <summary>
/// The weekly digest job as the scheduler runs it, over the real host and a SQLite file it seeds first: every
/// subscriber whose time has come gets this week's digest (composed from the workspace's deliberations and committed
/// with its outbox row). Measures the time until none is due, bytes allocated, and the peak managed heap and working
/// set sampled meanwhile. The scheduler and outbox workers are removed, so nothing else runs beside the job.
/// Writes results/digest.md.
/// </summary>
internal static class DigestRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var (subscribers, deliberations, concernsEach) = (Arg(0, 500), Arg(1, 1000), Arg(2, 10));
        var loadBefore = MachineLoad.Average();
        var now = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero); // a Monday, after the digests' 09:00
        var clock = new FakeTimeProvider(now);
        var folder = Directory.CreateTempSubdirectory("deliberationbot-digest-");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DELIBERATIONBOT_HOST", Path.Combine(Repository.Root, "src", "DeliberationBot.Host"));
        using var host = new BenchHost(folder.FullName, "http://127.0.0.1:9/", services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && (d.ImplementationType == typeof(SchedulerWorker) || d.ImplementationType == typeof(OutboxWorker))).ToList())
            {
                services.Remove(worker);
            }
        });
        var services = host.Services;
        var store = services.GetRequiredService<IDeliberationStore>();
        var schedule = services.GetRequiredService<IScheduleStore>();
        var digests = services.GetRequiredService<DigestService>();

        Console.WriteLine($"seeding {deliberations} deliberations with {concernsEach} open concerns each and {subscribers} subscribers…");
        // The flow version the service has loaded, as every deliberation it starts records.
        var flowVersion = services.GetRequiredService<FlowCatalog>().Find("quick-check")!.Version;
        var workspace = DigestWorkspace.Build(deliberations, concernsEach, subscribers, now, flowVersion);
        foreach (var source in workspace.Sources)
        {
            // The store writes at most one new participant per commit (two new rows in one commit collide in EF's
            // change tracker), as every production path commits them; so the seeding does too.
            await store.CommitAsync(new Commit(workspace.WorkspaceId, null) { Deliberation = source.Deliberation, Concerns = source.Concerns }, default);
            foreach (var participant in source.Participants)
            {
                await store.CommitAsync(new Commit(workspace.WorkspaceId, null) { Participants = [participant] }, default);
            }
        }

        var context = new ConversationRef("slack", workspace.WorkspaceId, "C0DIGEST");
        foreach (var reader in workspace.Subscribers)
        {
            await store.CommitAsync(new Commit(workspace.WorkspaceId, null)
            {
                Subscription = new DigestSubscription(workspace.WorkspaceId, reader, context, DayOfWeek.Monday, new TimeOnly(9, 0), "UTC", true, now.AddMinutes(-30)),
            }, default);
        }

        // The first run pays the process's one-time costs (JSON metadata, EF query compilation); the service then runs
        // for weeks, so the same readers are measured again a week later in the same process.
        var rows = new List<string>();
        var produced = new List<long>();
        foreach (var label in new[] { "first run after start", "a week later, same process" })
        {
            var (row, count) = await MeasureAsync(label, subscribers, host.DatabasePath, () => schedule.ListDueSubscriptionsAsync(clock.GetUtcNow(), 1, default), () => digests.RunAsync(default));
            rows.Add(row);
            produced.Add(count);
            clock.Advance(TimeSpan.FromDays(7));
        }

        var text = new StringBuilder()
            .AppendLine("# Weekly digest production")
            .AppendLine()
            .AppendLine($"Run {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}, Release build, the real host over SQLite.")
            .AppendLine($"Load average (1, 5, 15 min) before the run: {loadBefore}; after: {MachineLoad.Average()}.")
            .AppendLine($"One workspace: {deliberations} open deliberations with {concernsEach} open concerns each ({deliberations * concernsEach} in all) and a few participants, {subscribers} leaders subscribed and due.")
            .AppendLine("The digest job runs as the scheduler runs it until none is due: the workspace's part is composed and stored once (a snapshot), and each leader's outbox row, referring to it, commits with their subscription's advance, 200 leaders per transaction.")
            .AppendLine($"Command: `dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- digest {subscribers} {deliberations} {concernsEach}`.")
            .AppendLine()
            .AppendLine("| run | subscribers | digests produced | job runs | seconds | ms per digest | allocated MB | peak managed heap MB (before) | peak working set MB (before) |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|")
            .AppendJoin("", rows)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Stored: {Scalar(host.DatabasePath, "SELECT count(*) FROM digest_snapshots")} snapshots of {Scalar(host.DatabasePath, "SELECT max(length(BodyJson)) FROM digest_snapshots") / 1024.0 / 1024.0:0.0} MB each; a digest's outbox row is at most {Scalar(host.DatabasePath, "SELECT max(length(MessageJson)) FROM outbox WHERE IdempotencyKey LIKE 'digest:%'")} characters.")
            .ToString();
        var path = Path.Combine(Repository.Root, "tests", "DeliberationBot.Benchmarks", "results", "digest.md");
        var history = File.Exists(path) && File.ReadAllText(path).IndexOf("\n## ", StringComparison.Ordinal) is var at and >= 0 ? File.ReadAllText(path)[at..] : "";
        await File.WriteAllTextAsync(path, text + history);
        Console.WriteLine(text);
        folder.Delete(recursive: true);
        return produced.All(p => p == subscribers) ? 0 : 1;
    }

    /// <summary>Runs the job until no one is due; one table row of what it took.</summary>
    private static async Task<(string Row, long Produced)> MeasureAsync(string label, int subscribers, string database, Func<Task<IReadOnlyList<DigestSubscription>>> due, Func<Task> run)
    {
        var outboxBefore = CountOutbox(database);
        Console.WriteLine($"producing the digests ({label})…");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(false);
        var workingSetBefore = Environment.WorkingSet;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var peak = new PeakSampler();
        var runs = 0;
        var started = Stopwatch.GetTimestamp();
        while ((await due()).Count > 0)
        {
            await run();
            runs++;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var (peakHeap, peakWorkingSet) = peak.Stop();
        var produced = CountOutbox(database) - outboxBefore;
        static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);
        return (string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {subscribers} | {produced} | {runs} | {elapsed.TotalSeconds:0.00} | {elapsed.TotalMilliseconds / Math.Max(1, produced):0.0} | {Mb(allocated)} | {Mb(peakHeap)} ({Mb(heapBefore)}) | {Mb(peakWorkingSet)} ({Mb(workingSetBefore)}) |\n"), produced);
    }

    private static long CountOutbox(string database) => Scalar(database, "SELECT count(*) FROM outbox");

    private static long Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }


    /// <summary>Samples the managed heap and the working set every 10 ms on a thread of its own; keeps the highest.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private long _heap;
        private long _workingSet;

        public PeakSampler()
        {
            _thread = new Thread(() =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    _heap = Math.Max(_heap, GC.GetTotalMemory(false));
                    _workingSet = Math.Max(_workingSet, Environment.WorkingSet);
                    _stop.Token.WaitHandle.WaitOne(10);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public (long Heap, long WorkingSet) Stop()
        {
            _stop.Cancel();
            _thread.Join();
            return (_heap, _workingSet);
        }

        // Stopped first, so that a run that throws reports its own exception rather than the sampler's.
        public void Dispose()
        {
            Stop();
            _stop.Dispose();
        }
    }
}
