namespace DeliberationBot.Core.Messaging;

/// <summary>
/// Splits text that is too long for one platform text field into pieces that each fit, losing nothing: at a line end
/// where one is near, else after a sentence, else between words, else anywhere but inside a surrogate pair or an HTML
/// entity (<c>&amp;amp;</c>), which escaped text may contain. Each piece is shown as a paragraph of its own, so a cut
/// inside a sentence would read as a break in what the person wrote.
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
        var cut = AfterLastSentence(window, max / 2) is var sentence and > 0 ? sentence : space >= max / 2 ? space + 1 : max;
        var amp = window[..cut].LastIndexOf('&');
        if (amp >= 0 && amp > cut - 10 && text[amp..].IndexOf(';') is var semi && semi >= 0 && amp + semi >= cut)
        {
            cut = amp;
        }

        return cut > 0 && char.IsHighSurrogate(text[cut - 1]) ? cut - 1 : cut;
    }

    /// <summary>Just after the last ". ", "? ", "! " or "… " in <paramref name="window"/> from <paramref name="from"/> on; -1 when there is none.</summary>
    private static int AfterLastSentence(ReadOnlySpan<char> window, int from)
    {
        for (var i = window.Length - 2; i >= from; i--)
        {
            if (window[i + 1] == ' ' && window[i] is '.' or '?' or '!' or '\u2026')
            {
                return i + 2;
            }
        }

        return -1;
    }
}
