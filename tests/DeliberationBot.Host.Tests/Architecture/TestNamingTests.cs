using System.Text.RegularExpressions;
using DeliberationBot.Host.Tests.Support;

namespace DeliberationBot.Host.Tests.Architecture;

/// <summary>Every test in every project is named as a sentence, so a failure reads as the behaviour that broke.</summary>
public sealed partial class TestNamingTests
{
    [Fact]
    public void Every_test_in_every_project_is_named_as_a_sentence()
    {
        var tests = TestMethods(Path.Combine(Repository.Root, "tests")).ToList();
        var pascal = tests.Where(t => !t.Name.Contains('_', StringComparison.Ordinal)).Select(t => $"{t.File}: {t.Name}").ToList();

        Assert.True(tests.Count > 500, $"Only {tests.Count} tests were found: the search no longer reads the test sources.");
        Assert.True(pascal.Count == 0, "Name these tests as sentences (Words_joined_like_this):\n" + string.Join("\n", pascal));
    }

    [Fact]
    public void The_check_reads_a_test_name_after_its_attribute()
    {
        // Assembled, so that the scan of this file does not find the sample itself.
        var source = string.Join('\n', "[" + "Theory]", "[InlineData(1)]", "public async Task SomethingHappens(int n)");

        Assert.Equal(["SomethingHappens"], TestNames(source));
    }

    private static IEnumerable<(string File, string Name)> TestMethods(string folder) =>
        from file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
        where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        from name in TestNames(File.ReadAllText(file))
        select (Path.GetRelativePath(folder, file), name);

    private static IEnumerable<string> TestNames(string source) =>
        TestMethod().Matches(source).Select(m => m.Groups["name"].Value);

    // A [Fact]/[Theory] (or Skippable…) attribute, any further attributes, then the method's declaration.
    [GeneratedRegex(@"\[(?:Skippable)?(?:Fact|Theory)\b[^\]]*\]\s*(?:\[[^\]]*\]\s*)*(?:public|internal)\s+(?:static\s+)?(?:async\s+)?[\w<>\[\]?]+\s+(?<name>\w+)\s*\(")]
    private static partial Regex TestMethod();
}
