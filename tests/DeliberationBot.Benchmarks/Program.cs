using BenchmarkDotNet.Running;

namespace DeliberationBot.Benchmarks;

// dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- engine   (BenchmarkDotNet: the flow engine)
// dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- ack      (load run: Slack acknowledgement latency over loopback HTTP)
// dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- report   (BenchmarkDotNet: the deliberation page, written to results/report-page.md)
// dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- report-stages   (the page's time per stage, quickly)
// dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- digest [subscribers] [deliberations] [concerns each]   (the weekly digest job over a seeded SQLite database, written to results/digest.md)
// dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- outbox [messages] [label]   (the outbox's own cost per message, appended to results/outbox-drain.md)
// dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- hot      (BenchmarkDotNet: the hot paths, written to results/hot-paths.md)
internal static class BenchmarkEntry
{
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "ack")
        {
            return await AckLatencyRun.RunAsync(args.Skip(1).ToArray());
        }

        if (args.FirstOrDefault() == "report-stages")
        {
            // Quick look without BenchmarkDotNet: where one page's time goes.
            using var bench = new ReportPageBenchmarks();
            bench.Setup();
            Console.WriteLine(ReportPageRun.Stages(bench, 20));
            return 0;
        }

        if (args.FirstOrDefault() == "digest")
        {
            return await Digests.DigestRun.RunAsync(args.Skip(1).ToArray());
        }

        if (args.FirstOrDefault() == "outbox")
        {
            return await Outbox.OutboxDrainRun.RunAsync(args.Skip(1).ToArray());
        }

        if (args.FirstOrDefault() == "hot")
        {
            return HotPaths.HotPathRun.Run(args.Skip(1).ToArray());
        }

        if (args.FirstOrDefault() == "report")
        {
            return ReportPageRun.Run();
        }

        BenchmarkSwitcher.FromAssembly(typeof(FlowEngineBenchmarks).Assembly).Run(args.Skip(1).ToArray(), BenchmarkConfig.Base);
        return 0;
    }
}
