using DeliberationBot.Core.Flows;

namespace DeliberationBot.Slack.Tests.Infrastructure;

internal static class Flows
{
    private static readonly Lazy<FlowCatalog> Lazy = new(Load);

    /// <summary>The real flows in prompts/flows, found by walking up to the folder holding DeliberationBot.sln.</summary>
    public static FlowCatalog Catalog => Lazy.Value;

    private static FlowCatalog Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeliberationBot.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("DeliberationBot.sln not found above " + AppContext.BaseDirectory);
        }

        var files = Directory.GetFiles(Path.Combine(dir.FullName, "prompts", "flows"), "*.yaml").Order(StringComparer.Ordinal);
        return FlowCatalog.Parse(files.Select(f => (Path.GetFileName(f), File.ReadAllText(f))));
    }
}
