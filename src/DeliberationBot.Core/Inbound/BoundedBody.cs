namespace DeliberationBot.Core.Inbound;

/// <summary>
/// A request body read whole, but never more than a limit: signatures are checked over the exact bytes, and a sender
/// that declares a small length and keeps sending is cut off at the limit rather than buffered without end.
/// </summary>
public static class BoundedBody
{
    /// <summary>The body, or null when it is (or claims to be) larger than <paramref name="max"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int max, CancellationToken ct)
    {
        if (declaredLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
