using System.Text.RegularExpressions;

namespace DeliberationBot.Core.Tests.Support;

/// <summary>
/// The sentences the code says to people, for house checks on how they are written: each string literal of a C# file
/// and each line of a Razor page or resource file, with where it is. Comments and log templates are left out.
/// </summary>
internal static partial class SourceSentences
{
    public static IEnumerable<(string Where, string Text)> Under(string folder, params string[] extensions)
    {
        var separator = Path.DirectorySeparatorChar;
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, folder), "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal)
                && !f.Contains($"{separator}Migrations{separator}", StringComparison.Ordinal)))
        {
            var code = file.EndsWith(".cs", StringComparison.Ordinal);
            foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
            {
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("@*", StringComparison.Ordinal) || line.Contains("LoggerMessage", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var text in code ? Literal().Matches(line).Select(m => m.Value) : [line])
                {
                    yield return ($"{Path.GetRelativePath(Repository.Root, file)}:{number}", text);
                }
            }
        }
    }

    [GeneratedRegex(@"\$?""(?:[^""\\]|\\.)*""")]
    private static partial Regex Literal();
}
