namespace DeliberationBot.Core.Inbound;

/// <summary>
/// A request body read whole, but never more than a limit: signatures are checked over the exact bytes, and a sender
/// that declares a small length and keeps sending is cut off at the limit rather than buffered without end.
/// </summary>
public static class BoundedBody
{
    private const int FirstSizeWithoutLength = 4 * 1024;

    /// <summary>The body, or null when it is (or claims to be) larger than <paramref name="max"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int max, CancellationToken ct)
    {
        if (declaredLength > max)
        {
            return null;
        }

        // Slack and the Bot Connector declare the length, so the body is read straight into one array of that size: the
        // copies a growing buffer makes were a seventh of what a Slack request allocated. Without a length, or if more
        // comes than was declared, the array grows up to the limit.
        var buffer = new byte[declaredLength is { } declared ? (int)declared : Math.Min(max, FirstSizeWithoutLength)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var next = new byte[1];
                if (await body.ReadAsync(next, ct) == 0)
                {
                    return buffer;
                }

                if (length >= max)
                {
                    return null;
                }

                Array.Resize(ref buffer, Math.Min(max, Math.Max(2 * length, FirstSizeWithoutLength)));
                buffer[length++] = next[0];
                continue;
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0)
            {
                return length == buffer.Length ? buffer : buffer[..length];
            }

            length += read;
        }
    }
}
