using DeliberationBot.Core.Flows;

namespace DeliberationBot.Teams.Tests.Infrastructure;

internal static class Flows
{
    private static readonly Lazy<FlowCatalog> Lazy = new(Load);

    /// <summary>The real flows in prompts/flows, found by walking up to the folder holding DeliberationBot.sln.</summary>
    public static FlowCatalog Catalog => Lazy.Value;

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeliberationBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("DeliberationBot.sln not found above " + AppContext.BaseDirectory);
    }

    private static FlowCatalog Load()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot(), "prompts", "flows"), "*.yaml").Order(StringComparer.Ordinal);
        return FlowCatalog.Parse(files.Select(f => (Path.GetFileName(f), File.ReadAllText(f))));
    }
}
