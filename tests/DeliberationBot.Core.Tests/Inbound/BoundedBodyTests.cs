using DeliberationBot.Core.Inbound;

namespace DeliberationBot.Core.Tests.Inbound;

public sealed class BoundedBodyTests
{
    [Fact]
    public async Task A_body_up_to_the_limit_is_read_whole()
    {
        var bytes = Enumerable.Range(0, 40_000).Select(i => (byte)i).ToArray();

        var read = await BoundedBody.ReadAsync(new TrickleStream(bytes), declaredLength: null, max: bytes.Length, CancellationToken.None);

        Assert.Equal(bytes, read);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_without_reading()
    {
        var stream = new TrickleStream(new byte[10]);

        Assert.Null(await BoundedBody.ReadAsync(stream, declaredLength: 2_000, max: 1_000, CancellationToken.None));
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task A_body_that_keeps_coming_past_the_limit_is_cut_off_at_the_limit()
    {
        var stream = new TrickleStream(new byte[100_000]);

        Assert.Null(await BoundedBody.ReadAsync(stream, declaredLength: 10, max: 20_000, CancellationToken.None));
        Assert.True(stream.Position <= 20_000 + 16 * 1024, $"read {stream.Position} bytes");
    }

    /// <summary>Hands out at most 1,000 bytes per read, as a network stream does.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1_000)], cancellationToken);
    }
}
