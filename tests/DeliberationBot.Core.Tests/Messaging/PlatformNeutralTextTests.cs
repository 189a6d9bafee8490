using System.Text.RegularExpressions;

namespace DeliberationBot.Core.Tests.Messaging;

/// <summary>
/// Core's sentences reach Slack and Teams alike, and each renderer escapes them as plain text: Slack's `code` and *bold*
/// would show as backticks and asterisks in Teams. A command named in a sentence is put in quotation marks instead.
/// </summary>
public sealed partial class PlatformNeutralTextTests
{
    [Fact]
    public void No_sentence_in_Core_carries_one_platforms_markup()
    {
        var offending = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "src", "DeliberationBot.Core"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
            {
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                offending.AddRange(Literal().Matches(line).Select(m => m.Value).Where(s => Markup().IsMatch(s)).Select(s => $"{Path.GetFileName(file)}:{number}: {s}"));
            }
        }

        Assert.Empty(offending);
    }

    [GeneratedRegex(@"\$?""(?:[^""\\]|\\.)*""")]
    private static partial Regex Literal();

    /// <summary>`a command` or *a word* in a sentence.</summary>
    [GeneratedRegex(@"`[a-z][^`]*`|(?<![\w*])\*[A-Za-z][^*]*[a-z]\*(?![\w*])")]
    private static partial Regex Markup();
}
