using BenchmarkDotNet.Configs;

namespace DeliberationBot.Benchmarks;

/// <summary>
/// What every BenchmarkDotNet run here starts from: its defaults, with its logs and reports under this project's build
/// output instead of the folder the run was started from (the README's commands start at the repository's top level).
/// The results that matter are written to results/ by each run.
/// </summary>
internal static class BenchmarkConfig
{
    public static IConfig Base { get; } = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
}
