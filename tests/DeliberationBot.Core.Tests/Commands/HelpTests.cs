using System.Text.RegularExpressions;
using DeliberationBot.Core.Commands;
using DeliberationBot.Testing;

namespace DeliberationBot.Core.Tests.Commands;

public sealed partial class HelpTests
{
    [Fact]
    public void Every_command_the_README_describes_is_in_the_help_people_read_in_chat()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var table = readme[readme.IndexOf("| Command | What it does |", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var described = table.Split('\n').Skip(2)
            .SelectMany(row => CodeSpan().Matches(row.Split(" | ")[0]).Select(m => m.Groups[1].Value.Replace("\\|", "|", StringComparison.Ordinal)))
            .Select(Verb)
            .ToList();
        Assert.Contains("invite contacts", described);

        // "invite resume" is told by "invite pause|resume|revoke": the words of each command, in order, from its first.
        var helped = Usage.All.Select(h => h.Usage.Split([' ', '|'], StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.All(described, verb => Assert.Contains(helped, usage => usage[0] == verb.Split(' ')[0] && verb.Split(' ').All(usage.Contains)));
    }

    /// <summary>A command's leading words, before its first argument: "invite community", "merge", "digest subscribe".</summary>
    private static string Verb(string command) =>
        string.Join(' ', command.Split(' ').TakeWhile(w => w.Length > 0 && w.All(char.IsAsciiLetterLower)));

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
