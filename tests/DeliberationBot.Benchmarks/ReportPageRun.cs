using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DeliberationBot.Host.Reports;

namespace DeliberationBot.Benchmarks;

/// <summary>
/// Runs <see cref="ReportPageBenchmarks"/> and writes results/report-page.md: time per page against the 50 ms budget,
/// where that time goes (summary, view, HTML), and the weight of the page and of its largest page of answers.
/// </summary>
internal static class ReportPageRun
{
    public static int Run()
    {
        var loadBefore = MachineLoad.Average();

        // In process: this run is already a Release build, and a second build of the host does not fit a busy machine's timeout.
        var config = BenchmarkConfig.Base.AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance).WithId("page"));
        var summary = BenchmarkRunner.Run<ReportPageBenchmarks>(config);
        var report = summary.Reports.Single();
        var stats = report.ResultStatistics ?? throw new InvalidOperationException("The benchmark produced no result.");
        using var bench = new ReportPageBenchmarks();
        bench.Setup();
        var stages = Stages(bench, 30);
        var view = bench.View(bench.Summary());
        var html = Encoding.UTF8.GetByteCount(bench.Page());
        var largest = view.AnswerPages.MaxBy(p => Encoding.UTF8.GetByteCount(bench.Html<AnswersPage>(view, p)))!;
        var answersHtml = Encoding.UTF8.GetByteCount(bench.Html<AnswersPage>(view, largest));
        var css = Encoding.UTF8.GetByteCount(File.ReadAllText(Path.Combine(Repository.Root, "src", "DeliberationBot.Host", "Reports", "report.css")));
        string Ms(double ns) => (ns / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture);
        string Ms2(double ms) => ms.ToString("0.00", CultureInfo.InvariantCulture);

        var text = new StringBuilder()
            .AppendLine("# The deliberation page")
            .AppendLine()
            .AppendLine($"Run {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}, Release build, BenchmarkDotNet ({stats.N} iterations).")
            .AppendLine($"Load average (1, 5, 15 min) before the run: {loadBefore}; after: {MachineLoad.Average()}.")
            .AppendLine("One page of a closed ai-proposal deliberation with 200 participants who answered the whole flow, once its rows are loaded:")
            .AppendLine("the offline summary, the page's view (record, charts, concerns over time, pages of answers) and the HTML, as the facilitator sees it. Budget: 50 ms and 150 KB.")
            .AppendLine()
            .AppendLine("| mean ms | median ms | p95 ms | max ms | allocated | HTML | stylesheet |")
            .AppendLine("|---|---|---|---|---|---|---|")
            .AppendLine($"| {Ms(stats.Mean)} | {Ms(stats.Median)} | {Ms(stats.Percentiles.P95)} | {Ms(stats.Max)} | {(report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0) / 1024} KB | {html / 1024} KB | {css / 1024} KB |")
            .AppendLine()
            .AppendLine($"Where the time goes (median of {stages.Runs} pages, Stopwatch): summary {Ms2(stages.Summary)} ms, view {Ms2(stages.View)} ms, HTML {Ms2(stages.Html)} ms.")
            .AppendLine($"Processor time per page (all of the process's threads, garbage collection included; less affected by other load than wall time): {Ms2(stages.CpuPerPage)} ms.")
            .AppendLine($"The answers themselves are on {view.AnswerPages.Count} pages of at most {Core.Reports.AnswerPages.AnswersPerPage} answers; the largest (page {largest.Number}, {largest.Answers} answers) weighs {answersHtml / 1024} KB.")
            .ToString();
        var path = Path.Combine(Repository.Root, "tests", "DeliberationBot.Benchmarks", "results", "report-page.md");
        var history = File.Exists(path) && File.ReadAllText(path).IndexOf("\n## ", StringComparison.Ordinal) is var at and >= 0 ? File.ReadAllText(path)[at..] : "";
        File.WriteAllText(path, text + history);
        Console.WriteLine(text);
        return 0;
    }

    /// <summary>Median milliseconds of each stage of a page, over <paramref name="runs"/> pages after a warm-up.</summary>
    public static (int Runs, double Summary, double View, double Html, double CpuPerPage) Stages(ReportPageBenchmarks bench, int runs)
    {
        var times = new double[3, runs];
        var cpu = TimeSpan.Zero;
        for (var i = -3; i < runs; i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var summary = bench.Summary();
            var summarised = Stopwatch.GetTimestamp();
            var view = bench.View(summary);
            var viewed = Stopwatch.GetTimestamp();
            _ = bench.Html<ReportPage>(view, null);
            if (i >= 0)
            {
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                times[0, i] = Stopwatch.GetElapsedTime(started, summarised).TotalMilliseconds;
                times[1, i] = Stopwatch.GetElapsedTime(summarised, viewed).TotalMilliseconds;
                times[2, i] = Stopwatch.GetElapsedTime(viewed).TotalMilliseconds;
            }
        }

        double Median(int stage) => Enumerable.Range(0, runs).Select(i => times[stage, i]).Order().ElementAt(runs / 2);
        return (runs, Median(0), Median(1), Median(2), cpu.TotalMilliseconds / runs);
    }
}
