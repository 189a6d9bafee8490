namespace DeliberationBot.Core.Messaging;

/// <summary>
/// Splits text that is too long for one platform text field into pieces that each fit, losing nothing: at a line end
/// where one is near, else between words, else anywhere but inside a surrogate pair or an HTML entity (<c>&amp;amp;</c>),
/// which escaped text may contain.
/// </summary>
public static class TextChunks
{
    public static IReadOnlyList<string> Split(string text, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 16);
        var chunks = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > max)
        {
            var cut = CutPoint(rest, max);
            chunks.Add(rest[..cut].TrimEnd().ToString());
            rest = rest[cut..].TrimStart('\n');
        }

        if (rest.Length > 0 || chunks.Count == 0)
        {
            chunks.Add(rest.ToString());
        }

        return chunks;
    }

    private static int CutPoint(ReadOnlySpan<char> text, int max)
    {
        var window = text[..max];
        var line = window.LastIndexOf('\n');
        if (line >= max / 2)
        {
            return line + 1;
        }

        var space = window.LastIndexOf(' ');
        var cut = space >= max / 2 ? space + 1 : max;
        var amp = window[..cut].LastIndexOf('&');
        if (amp >= 0 && amp > cut - 10 && text[amp..].IndexOf(';') is var semi && semi >= 0 && amp + semi >= cut)
        {
            cut = amp;
        }

        return cut > 0 && char.IsHighSurrogate(text[cut - 1]) ? cut - 1 : cut;
    }
}
