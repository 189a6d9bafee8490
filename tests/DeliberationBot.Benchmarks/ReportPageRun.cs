using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace DeliberationBot.Benchmarks;

/// <summary>Runs <see cref="ReportPageBenchmarks"/> and writes results/report-page.md: time per page against the 50 ms budget, and its weight.</summary>
internal static class ReportPageRun
{
    public static int Run()
    {
        // In process: this run is already a Release build, and a second build of the host does not fit a busy machine's timeout.
        var config = DefaultConfig.Instance.AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance).WithId("page"));
        var summary = BenchmarkRunner.Run<ReportPageBenchmarks>(config);
        var report = summary.Reports.Single();
        var stats = report.ResultStatistics ?? throw new InvalidOperationException("The benchmark produced no result.");
        using var bench = new ReportPageBenchmarks();
        bench.Setup();
        var html = Encoding.UTF8.GetByteCount(bench.Page());
        var css = Encoding.UTF8.GetByteCount(File.ReadAllText(Path.Combine(Repository.Root, "src", "DeliberationBot.Host", "Reports", "report.css")));
        string Ms(double ns) => (ns / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture);

        var text = new StringBuilder()
            .AppendLine("# The deliberation page")
            .AppendLine()
            .AppendLine($"Run {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}, Release build, BenchmarkDotNet ({stats.N} iterations).")
            .AppendLine("One page of a closed ai-proposal deliberation with 200 participants who answered the whole flow, once its rows are loaded:")
            .AppendLine("the offline summary, the page's view (record, charts, concerns over time) and the HTML. Budget: 50 ms and 150 KB.")
            .AppendLine()
            .AppendLine("| mean ms | median ms | p95 ms | max ms | allocated | HTML | stylesheet |")
            .AppendLine("|---|---|---|---|---|---|---|")
            .AppendLine($"| {Ms(stats.Mean)} | {Ms(stats.Median)} | {Ms(stats.Percentiles.P95)} | {Ms(stats.Max)} | {(report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0) / 1024} KB | {html / 1024} KB | {css / 1024} KB |")
            .ToString();
        var path = Path.Combine(Repository.Root, "tests", "DeliberationBot.Benchmarks", "results", "report-page.md");
        File.WriteAllText(path, text);
        Console.WriteLine(text);
        return 0;
    }
}
