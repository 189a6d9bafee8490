using System.Runtime.InteropServices;
using System.Text.Json;

namespace DeliberationBot.Core.Inbound;

/// <summary>
/// Parses a request body that came from outside, refusing what the JSON reader accepts but later code cannot use:
/// strings holding a lone UTF-16 surrogate (the escape "\ud800" is valid JSON but no valid text) and nesting deeper
/// than any platform sends. Everything refused is a <see cref="JsonException"/>, which the endpoints answer with 400.
/// </summary>
public static class WellFormedJson
{
    /// <summary>Slack and Bot Framework payloads nest a dozen levels at most; an Adaptive Card submit a few more.</summary>
    public const int MaxDepth = 32;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8)
    {
        var doc = JsonDocument.Parse(utf8, Options);
        return Checked(doc);
    }

    public static JsonDocument Parse(string text)
    {
        var doc = JsonDocument.Parse(text, Options);
        return Checked(doc);
    }

    private static JsonDocument Checked(JsonDocument doc)
    {
        try
        {
            Check(doc.RootElement);
            return doc;
        }
        catch
        {
            doc.Dispose();
            throw;
        }
    }

    // A lone surrogate can only be written as a \u escape (the reader refuses invalid UTF-8), so only text holding a
    // backslash is decoded to be checked: decoding every string and name of a Slack payload was a twentieth of what a
    // request allocated.
    private static void Check(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                if (MayHoldEscape(JsonMarshal.GetRawUtf8Value(element)))
                {
                    ReadString(element, static e => e.GetString());
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Check(item);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (MayHoldEscape(JsonMarshal.GetRawUtf8PropertyName(property)))
                    {
                        ReadString(property, static p => p.Name);
                    }

                    Check(property.Value);
                }

                break;
        }
    }

    private static bool MayHoldEscape(ReadOnlySpan<byte> raw) => raw.Contains((byte)'\\');

    private static void ReadString<T>(T holder, Func<T, string?> read)
    {
        try
        {
            read(holder);
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException("a string in the body is not valid text (a lone UTF-16 surrogate)", e);
        }
    }
}
