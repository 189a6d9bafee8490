using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace DeliberationBot.Host.Composition;

/// <summary>
/// ASP.NET Core reads appsettings.json from the content root, which is the folder the service is started from. Started
/// from elsewhere (<c>dotnet run</c> from the repository root, a service manager), that folder has none, and the
/// settings shipped beside the app (its log filters included) would be silently ignored. This reads them from beside
/// the app in that case, with the same precedence: environment variables and the command line still win.
/// </summary>
internal static class SettingsFiles
{
    /// <summary>
    /// The host's arguments, with the settings files read once, at start. Options are validated at start, so a file
    /// edited later would take effect only in part; and watching for edits meant watching the whole content root with
    /// every folder below it, the default SQLite database's included, so every commit woke the watcher (2 % of the CPU
    /// under load in a profile). A changed setting takes a restart, as on App Service.
    /// </summary>
    public static string[] ReadOnceAtStart(string[] args) => [.. args, "--hostBuilder:reloadConfigOnChange=false"];

    public static void AddBesideTheApp(ConfigurationManager configuration, IHostEnvironment environment)
    {
        var appFolder = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(environment.ContentRootPath, "appsettings.json")) || !File.Exists(Path.Combine(appFolder, "appsettings.json")))
        {
            return;
        }

        var sources = configuration.Sources;
        var contentRootFiles = sources.OfType<JsonConfigurationSource>().Where(s => s.Path?.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) == true).ToList();
        var at = contentRootFiles.Count == 0 ? 0 : sources.IndexOf(contentRootFiles[^1]) + 1;
        var files = new PhysicalFileProvider(appFolder);
        sources.Insert(at, Json(files, "appsettings.json"));
        sources.Insert(at + 1, Json(files, $"appsettings.{environment.EnvironmentName}.json"));
    }

    private static JsonConfigurationSource Json(IFileProvider files, string name) =>
        new() { FileProvider = files, Path = name, Optional = true, ReloadOnChange = false };
}
