using BenchmarkDotNet.Running;

namespace DeliberationBot.Benchmarks;

// dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- engine   (BenchmarkDotNet: the flow engine)
// dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- ack      (load run: Slack acknowledgement latency over loopback HTTP)
// dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- report   (BenchmarkDotNet: the deliberation page, written to results/report-page.md)
internal static class BenchmarkEntry
{
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "ack")
        {
            return await AckLatencyRun.RunAsync(args.Skip(1).ToArray());
        }

        if (args.FirstOrDefault() == "report")
        {
            return ReportPageRun.Run();
        }

        BenchmarkSwitcher.FromAssembly(typeof(FlowEngineBenchmarks).Assembly).Run(args.Skip(1).ToArray());
        return 0;
    }
}
