namespace DeliberationBot.Host.Tests.Support;

/// <summary>The service as this test run built it, for tests that start it in its own process or read its files.</summary>
internal static class BuiltService
{
    /// <summary>The host's output folder (bin/&lt;configuration&gt;/&lt;framework&gt;), beside its appsettings.json and runtimeconfig.json.</summary>
    public static string Folder { get; } = FindFolder();

    private static string FindFolder()
    {
        var framework = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)); // bin/<configuration>/<framework>
        return Path.Combine(Repository.Root, "src", "DeliberationBot.Host", "bin", framework.Parent!.Name, framework.Name);
    }
}
