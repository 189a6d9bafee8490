using Microsoft.Extensions.Options;

namespace DeliberationBot.Summaries.Prompts;

/// <summary>The prompt texts, read once when the service starts, from Summaries:PromptsDirectory.</summary>
internal sealed record SummaryPrompts(string System, string SectionTemplate, string InvalidReplyTemplate)
{
    public const string SystemFile = "system.md";
    public const string SectionFile = "section.md";
    public const string InvalidReplyFile = "invalid-reply.md";

    internal static readonly string[] SectionPlaceholders = ["{{flow_title}}", "{{section_title}}", "{{part}}", "{{questions}}", "{{data}}"];
    internal static readonly string[] InvalidReplyPlaceholders = ["{{problem}}"];

    /// <summary>
    /// Reads and checks the three files; a missing file or placeholder stops start-up with a message saying which,
    /// reported like any other setting that cannot work.
    /// </summary>
    public static SummaryPrompts Load(string directory)
    {
        var folder = Resolve(directory) ?? throw Unusable(
            $"Summaries:PromptsDirectory: the folder '{directory}' was not found (looked in {Path.GetFullPath(directory)} and beside the app). " +
            $"It must hold {SystemFile}, {SectionFile} and {InvalidReplyFile}.");
        var prompts = new SummaryPrompts(Read(folder, SystemFile), Read(folder, SectionFile), Read(folder, InvalidReplyFile));
        Require(folder, SectionFile, prompts.SectionTemplate, SectionPlaceholders);
        Require(folder, InvalidReplyFile, prompts.InvalidReplyTemplate, InvalidReplyPlaceholders);
        return prompts;
    }

    private static string? Resolve(string directory)
    {
        if (Path.IsPathRooted(directory))
        {
            return Directory.Exists(directory) ? directory : null;
        }

        return new[] { Path.GetFullPath(directory), Path.Combine(AppContext.BaseDirectory, directory) }.FirstOrDefault(Directory.Exists);
    }

    private static string Read(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            throw Unusable($"Summaries:PromptsDirectory: the prompt file {path} is missing.");
        }

        var text = File.ReadAllText(path).Trim();
        return text.Length > 0 ? text : throw Unusable($"Summaries:PromptsDirectory: the prompt file {path} is empty.");
    }

    private static void Require(string folder, string file, string text, string[] placeholders)
    {
        var missing = placeholders.Where(p => !text.Contains(p, StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw Unusable(
                $"Summaries:PromptsDirectory: {Path.Combine(folder, file)} lacks {(missing.Count == 1 ? "the placeholder" : "the placeholders")} {string.Join(", ", missing)}.");
        }
    }

    private static OptionsValidationException Unusable(string message) =>
        new(SummariesOptions.Section, typeof(SummariesOptions), [message]);
}
