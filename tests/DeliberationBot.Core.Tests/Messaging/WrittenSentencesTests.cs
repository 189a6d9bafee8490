using System.Text.RegularExpressions;
using DeliberationBot.Core.Tests.Support;

namespace DeliberationBot.Core.Tests.Messaging;

/// <summary>House rules for the sentences the code says to people, checked over the source.</summary>
public sealed partial class WrittenSentencesTests
{
    /// <summary>
    /// Core's sentences reach Slack and Teams alike, and each renderer escapes them as plain text: Slack's `code` and *bold*
    /// would show as backticks and asterisks in Teams. A command named in a sentence is put in quotation marks instead.
    /// </summary>
    [Fact]
    public void No_sentence_in_Core_carries_one_platforms_markup()
    {
        var offending = SourceSentences.Under(Path.Combine("src", "DeliberationBot.Core"), ".cs").Where(s => Markup().IsMatch(s.Text)).Select(s => $"{s.Where}: {s.Text}").ToList();

        Assert.Empty(offending);
    }

    /// <summary>
    /// What people read says "1 concern" and "3 days old", never "1 concern(s)" or "0 day(s) old": a count is always
    /// known when the sentence is written. Log templates, read by operators, and "http(s)" are left alone.
    /// </summary>
    [Fact]
    public void No_sentence_people_read_hedges_a_plural_with_s_in_brackets()
    {
        var offending = SourceSentences.Under("src", ".cs", ".razor", ".resx").Where(s => Hedged().IsMatch(s.Text)).Select(s => $"{s.Where}: {s.Text.Trim()}").ToList();

        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    /// <summary>`a command` or *a word* in a sentence.</summary>
    [GeneratedRegex(@"`[a-z][^`]*`|(?<![\w*])\*[A-Za-z][^*]*[a-z]\*(?![\w*])")]
    private static partial Regex Markup();

    /// <summary>A lower-case word ending in "(s)" (not a call such as <c>Count(s)</c>), other than "http(s)".</summary>
    [GeneratedRegex(@"\b[a-z]+(?<!\bhttp)\(s\)")]
    private static partial Regex Hedged();
}
