using System.ComponentModel.DataAnnotations;
using DeliberationBot.Core.Flows;

namespace DeliberationBot.Host.Flows;

public sealed class FlowOptions
{
    public const string Section = "Flows";

    /// <summary>Folder of flow YAML files. Relative paths are tried from the working directory, then beside the app.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Flows:Directory must name the folder of flow files, e.g. prompts/flows.")]
    public string Directory { get; set; } = "prompts/flows";
}

/// <summary>Reads the flow files once, at start-up (<see cref="Composition.StartupFiles"/>); any broken file stops the service with located errors.</summary>
internal static class FlowFiles
{
    public static FlowCatalog Load(FlowOptions options)
    {
        var directory = Resolve(options.Directory)
            ?? throw new FlowValidationException([new FlowError(options.Directory, 0, 0,
                $"flow folder not found (looked in {Path.GetFullPath(options.Directory)} and beside the app); set Flows:Directory")]);
        var files = System.IO.Directory.GetFiles(directory, "*.yaml").Concat(System.IO.Directory.GetFiles(directory, "*.yml")).Order(StringComparer.Ordinal);
        return FlowCatalog.Parse(files.Select(f => (Path.GetRelativePath(System.IO.Directory.GetCurrentDirectory(), f), File.ReadAllText(f))));
    }

    private static string? Resolve(string directory)
    {
        if (Path.IsPathRooted(directory))
        {
            return System.IO.Directory.Exists(directory) ? directory : null;
        }

        return new[] { Path.GetFullPath(directory), Path.Combine(AppContext.BaseDirectory, directory) }.FirstOrDefault(System.IO.Directory.Exists);
    }
}
