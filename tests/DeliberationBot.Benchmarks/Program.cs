using BenchmarkDotNet.Running;

namespace DeliberationBot.Benchmarks;

// dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- engine   (BenchmarkDotNet: the flow engine)
// dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- ack      (load run: Slack acknowledgement latency over loopback HTTP)
internal static class BenchmarkEntry
{
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "ack")
        {
            return await AckLatencyRun.RunAsync(args.Skip(1).ToArray());
        }

        BenchmarkSwitcher.FromAssembly(typeof(FlowEngineBenchmarks).Assembly).Run(args.Skip(1).ToArray());
        return 0;
    }
}
