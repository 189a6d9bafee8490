namespace DeliberationBot.Teams.Tests.Infrastructure;

internal static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding DeliberationBot.sln, found by walking up from the test binaries.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The real flows the service loads.</summary>
    public static string FlowsDirectory => Path.Combine(Root, "prompts", "flows");

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
