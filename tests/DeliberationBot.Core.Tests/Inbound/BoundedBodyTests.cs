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
        Assert.True(stream.Position <= 20_001, $"read {stream.Position} bytes");
    }

    [Fact]
    public async Task A_body_of_its_declared_length_is_read_into_one_array_of_that_size()
    {
        var bytes = Enumerable.Range(0, 3_000).Select(i => (byte)i).ToArray();
        var stream = new TrickleStream(bytes);
        await BoundedBody.ReadAsync(new TrickleStream(bytes), bytes.Length, 1_000_000, CancellationToken.None); // loads what a first call loads

        // The stream completes every read at once, so the whole read runs on this thread and is counted here.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = await BoundedBody.ReadAsync(stream, declaredLength: bytes.Length, max: 1_000_000, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(bytes, read);
        Assert.InRange(allocated, bytes.Length, bytes.Length + 400);
    }

    [Fact]
    public async Task A_declared_length_is_not_set_aside_before_its_bytes_arrive()
    {
        var bytes = new byte[10];
        await BoundedBody.ReadAsync(new TrickleStream(bytes), 1_000_000, 1_000_000, CancellationToken.None);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = await BoundedBody.ReadAsync(new TrickleStream(bytes), declaredLength: 1_000_000, max: 1_000_000, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(bytes, read);
        Assert.InRange(allocated, 0, 17 * 1024);
    }

    [Fact]
    public async Task A_declared_length_over_16_KB_is_read_whole_into_an_array_of_that_size()
    {
        var bytes = Enumerable.Range(0, 50_000).Select(i => (byte)(i * 3)).ToArray();

        Assert.Equal(bytes, await BoundedBody.ReadAsync(new TrickleStream(bytes), bytes.Length, max: 1_000_000, CancellationToken.None));
    }

    [Theory]
    [InlineData(2_000, 3_000)] // more than declared, within the limit
    [InlineData(5_000, 3_000)] // the sender stopped early
    [InlineData(0, 3_000)]
    [InlineData(0, 0)]
    public async Task A_body_that_differs_from_its_declared_length_is_read_as_sent(int declared, int sent)
    {
        var bytes = Enumerable.Range(0, sent).Select(i => (byte)(i * 7)).ToArray();

        Assert.Equal(bytes, await BoundedBody.ReadAsync(new TrickleStream(bytes), declared, max: 10_000, CancellationToken.None));
    }

    [Fact]
    public async Task A_body_without_a_length_one_byte_over_the_limit_is_refused()
    {
        Assert.Null(await BoundedBody.ReadAsync(new TrickleStream(new byte[10_001]), declaredLength: null, max: 10_000, CancellationToken.None));
        Assert.NotNull(await BoundedBody.ReadAsync(new TrickleStream(new byte[10_000]), declaredLength: null, max: 10_000, CancellationToken.None));
    }

    /// <summary>Hands out at most 1,000 bytes per read, as a network stream does.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1_000)], cancellationToken);
    }
}
