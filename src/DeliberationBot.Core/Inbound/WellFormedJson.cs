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

    private static void Check(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                ReadString(() => element.GetString());
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
                    ReadString(() => property.Name);
                    Check(property.Value);
                }

                break;
        }
    }

    private static void ReadString(Func<string?> read)
    {
        try
        {
            read();
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException("a string in the body is not valid text (a lone UTF-16 surrogate)", e);
        }
    }
}
