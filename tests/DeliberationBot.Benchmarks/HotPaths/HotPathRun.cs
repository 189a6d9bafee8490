using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DeliberationBot.Benchmarks.Digests;

namespace DeliberationBot.Benchmarks.HotPaths;

/// <summary>
/// Runs <see cref="HotPathBenchmarks"/>, the store's reads of every turn (<see cref="StoreReadBenchmarks"/>) and the next-question step of <see cref="FlowEngineBenchmarks"/> in process
/// (this run is already a Release build) and writes results/hot-paths.md: time and bytes allocated per operation.
/// Arguments: BenchmarkDotNet's own (e.g. --filter '*Slack*').
/// </summary>
internal static class HotPathRun
{
    public static int Run(string[] args)
    {
        var loadBefore = MachineLoad.Average();
        var config = BenchmarkConfig.Base
            .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance).WithId("hot"))
            .WithOptions(ConfigOptions.JoinSummary);
        var summaries = BenchmarkSwitcher.FromTypes([typeof(HotPathBenchmarks), typeof(StoreReadBenchmarks), typeof(FlowEngineBenchmarks)])
            .Run(args.Length > 0 ? args : ["--filter", "*HotPathBenchmarks*", "*StoreReadBenchmarks*", "*FlowEngineBenchmarks.Evaluate*"], config);
        var reports = summaries.SelectMany(s => s.Reports).ToList();
        if (reports.Count == 0 || reports.Any(r => r.ResultStatistics is null))
        {
            Console.Error.WriteLine("Some benchmark produced no result; see BenchmarkDotNet's output above.");
            return 1;
        }

        var text = new StringBuilder()
            .AppendLine("# Hot paths")
            .AppendLine()
            .AppendLine($"Run {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}, Release build, BenchmarkDotNet in process (3 warm-up, 15 measured iterations), `[MemoryDiagnoser]`.")
            .AppendLine($"Load average (1, 5, 15 min) before the run: {loadBefore}; after: {MachineLoad.Average()}.")
            .AppendLine("Each benchmark calls the adapters' own code (internal methods bound once at set-up, see `HotPaths/Internals.cs`); the token validator fetches the local channel's keys once, then validates with them cached.")
            .AppendLine("Command: `dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- hot`.")
            .AppendLine()
            .AppendLine("| what | mean µs | median µs | p95 µs | allocated per operation |")
            .AppendLine("|---|---|---|---|---|");
        foreach (var report in reports)
        {
            var stats = report.ResultStatistics!;
            string Us(double ns) => (ns / 1000).ToString(ns < 10_000 ? "0.000" : "0.0", CultureInfo.InvariantCulture);
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'') + (report.BenchmarkCase.HasParameters ? $" ({report.BenchmarkCase.Parameters.DisplayInfo})" : "");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Us(stats.Mean)} | {Us(stats.Median)} | {Us(stats.Percentiles.P95)} | {Bytes(bytes)} |");
        }

        var path = Path.Combine(Repository.Root, "tests", "DeliberationBot.Benchmarks", "results", "hot-paths.md");
        File.WriteAllText(path, text.ToString());
        Console.WriteLine(text);
        return 0;
    }

    private static string Bytes(long bytes) => bytes < 10 * 1024
        ? $"{bytes} B"
        : bytes < 10 * 1024 * 1024 ? $"{bytes / 1024} KB" : $"{bytes / 1024 / 1024} MB";
}
