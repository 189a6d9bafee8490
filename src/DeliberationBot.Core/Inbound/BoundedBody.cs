namespace DeliberationBot.Core.Inbound;

/// <summary>
/// A request body read whole, but never more than a limit: signatures are checked over the exact bytes, and a sender
/// that declares a small length and keeps sending is cut off at the limit rather than buffered without end.
/// </summary>
public static class BoundedBody
{
    private const int FirstSizeWithoutLength = 4 * 1024;

    // The most set aside for a declared length before its bytes arrive: the length is the sender's word, and the body
    // is read before its signature can be checked.
    private const int MostBeforeBytesArrive = 16 * 1024;

    /// <summary>The body, or null when it is (or claims to be) larger than <paramref name="max"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int max, CancellationToken ct)
    {
        if (declaredLength > max)
        {
            return null;
        }

        // Slack and the Bot Connector declare the length, so a body is read straight into one array of that size (up to
        // 16 KB, or grown to it as the bytes come): the copies a growing buffer made were a seventh of what a Slack
        // request allocated. Without a length, or if more comes than was declared, the array grows up to the limit.
        var buffer = new byte[declaredLength is { } declared ? (int)Math.Min(declared, MostBeforeBytesArrive) : Math.Min(max, FirstSizeWithoutLength)];
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

                var grown = Math.Min(max, Math.Max(2 * length, FirstSizeWithoutLength));
                Array.Resize(ref buffer, declaredLength > length ? (int)Math.Min(grown, declaredLength.Value) : grown);
                buffer[length++] = next[0];
                continue;
            }

            // Here the array has room, so a sender that stopped early leaves it part full.
            var read = await body.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0)
            {
                return buffer[..length];
            }

            length += read;
        }
    }
}
