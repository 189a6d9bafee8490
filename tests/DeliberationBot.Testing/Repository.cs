using DeliberationBot.Core.Flows;

namespace DeliberationBot.Testing;

/// <summary>The checkout the tests run from: the folder holding DeliberationBot.sln, found by walking up from the test binaries.</summary>
public static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);
    private static readonly Lazy<FlowCatalog> LazyFlows = new(() => FlowCatalog.Parse(
        Directory.GetFiles(FlowsDirectory, "*.yaml").Order(StringComparer.Ordinal).Select(path => (Path.GetFileName(path), File.ReadAllText(path)))));

    public static string Root => LazyRoot.Value;

    /// <summary>The real flows the service loads.</summary>
    public static string FlowsDirectory => Path.Combine(Root, "prompts", "flows");

    public static string SummaryPrompts => Path.Combine(Root, "prompts", "summaries");

    /// <summary>The shipped flows, parsed once.</summary>
    public static FlowCatalog Flows => LazyFlows.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeliberationBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DeliberationBot.sln not found above " + AppContext.BaseDirectory);
    }
}
