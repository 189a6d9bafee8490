namespace DeliberationBot.Host.Reports;

/// <summary>
/// The summary's text (the same words as in chat and the export) in blocks for the page: a block is separated by a
/// blank line; a first line in capitals is its heading; "- " lines are list items, and indented lines continue the item.
/// </summary>
internal sealed record SummaryBlock(string? Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Items)
{
    public static IReadOnlyList<SummaryBlock> Split(string text) =>
        [.. text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Block)];

    private static SummaryBlock Block(string block)
    {
        var lines = block.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        var heading = lines.Count > 1 && string.Equals(lines[0], lines[0].ToUpperInvariant(), StringComparison.Ordinal) && lines[0].Any(char.IsLetter) ? lines[0] : null;
        var paragraphs = new List<string>();
        var items = new List<string>();
        foreach (var line in heading is null ? lines : lines.Skip(1))
        {
            if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("• ", StringComparison.Ordinal))
            {
                items.Add(line[2..].Trim());
            }
            else if (line.StartsWith(' ') && items.Count > 0)
            {
                items[^1] += " " + line.Trim();
            }
            else
            {
                paragraphs.Add(line.Trim());
            }
        }

        return new SummaryBlock(heading, paragraphs, items);
    }
}

internal static class SummaryBlocks
{
    public static IReadOnlyList<SummaryBlock> Split(string text) => SummaryBlock.Split(text);
}
