using DeliberationBot.Core.Flows;

namespace DeliberationBot.Summaries.Tests.Support;

internal static class Repo
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);
    private static readonly Lazy<FlowCatalog> FlowsLazy = new(() =>
        FlowCatalog.Parse(Directory.GetFiles(Path.Combine(Root, "prompts", "flows"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))));

    /// <summary>The folder holding DeliberationBot.sln, found by walking up from the test binaries.</summary>
    public static string Root => RootLazy.Value;

    public static string SummaryPrompts => Path.Combine(Root, "prompts", "summaries");

    public static FlowDefinition AiProposal => FlowsLazy.Value.Find("ai-proposal")!;

    public static FlowDefinition QuickCheck => FlowsLazy.Value.Find("quick-check")!;

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeliberationBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("DeliberationBot.sln not found above " + AppContext.BaseDirectory);
    }
}
