using System.Runtime.InteropServices;
using DeliberationBot.Host.Memory;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Host.Tests.Memory;

/// <summary>
/// Once requests stop for the quiet time, the service hands back the memory a burst left behind: once per quiet spell,
/// never while requests keep coming.
/// </summary>
public sealed class IdleMemoryTrimTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(20);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly RequestActivity _activity = new();
    private int _trims;

    [Fact]
    public void Memory_is_handed_back_once_when_requests_have_stopped_for_the_quiet_time()
    {
        var trim = Trim();
        Assert.False(trim.TrimIfQuiet()); // nothing has happened since start

        Requests(3);
        Assert.False(trim.TrimIfQuiet()); // the burst is seen; the quiet starts now
        _time.Advance(Quiet - TimeSpan.FromSeconds(1));
        Assert.False(trim.TrimIfQuiet());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(trim.TrimIfQuiet());

        _time.Advance(TimeSpan.FromHours(1));
        Assert.False(trim.TrimIfQuiet()); // still quiet: already given back
        Assert.Equal(1, _trims);
    }

    [Fact]
    public void A_request_during_the_quiet_time_starts_it_again_and_a_new_quiet_spell_trims_again()
    {
        var trim = Trim();
        Requests(1);
        trim.TrimIfQuiet();
        _time.Advance(Quiet - TimeSpan.FromSeconds(2));

        Requests(1);
        Assert.False(trim.TrimIfQuiet());
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(trim.TrimIfQuiet()); // twenty seconds since the first request, not since the last
        _time.Advance(Quiet);
        Assert.True(trim.TrimIfQuiet());

        Requests(1);
        trim.TrimIfQuiet();
        _time.Advance(Quiet);
        Assert.True(trim.TrimIfQuiet());
        Assert.Equal(2, _trims);
    }

    [Fact]
    public async Task The_worker_looks_as_the_services_clock_passes_and_trims_after_the_quiet_time()
    {
        using var looked = new SemaphoreSlim(0);
        using var trim = Trim(() => looked.Release());
        await trim.StartAsync(CancellationToken.None); // its clock starts now
        Requests(5);

        // A look every quarter of the quiet time: the first sees the requests, the fourth after it finds them quiet.
        for (var look = 1; look <= 5; look++)
        {
            _time.Advance(Quiet / 4);
            Assert.True(await looked.WaitAsync(TimeSpan.FromMinutes(1)), $"look {look} did not happen");
            Assert.Equal(look == 5 ? 1 : 0, _trims);
        }

        await trim.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Trimming_runs_a_full_compacting_collection()
    {
        var fullBefore = GC.CollectionCount(GC.MaxGeneration);

        ProcessMemory.Trim();

        Assert.True(GC.CollectionCount(GC.MaxGeneration) > fullBefore);
        var last = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Assert.Equal(GC.MaxGeneration, last.Generation);
        Assert.True(last.Compacted);
    }

    [SkippableFact]
    public void On_linux_with_glibc_the_native_heap_is_trimmed_too()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal), "glibc only");

        Assert.True(ProcessMemory.TrimNativeHeap());
    }

    [Fact]
    public async Task Requests_count_as_activity_and_health_probes_do_not()
    {
        using var factory = new BotFactory();
        using var client = factory.CreateClient();
        var activity = factory.Services.GetRequiredService<RequestActivity>();
        Assert.Contains(factory.Services.GetServices<IHostedService>(), s => s is IdleMemoryTrim);

        var before = activity.Requests;
        await client.GetAsync("/healthz");
        await client.GetAsync("/readyz");
        Assert.Equal(before, activity.Requests);

        await client.GetAsync("/no-such-page");
        Assert.Equal(before + 1, activity.Requests);
    }

    [Fact]
    public void Trimming_can_be_turned_off()
    {
        using var factory = new BotFactory(new() { ["Memory:TrimWhenQuiet"] = "false" }, kestrel: false);
        using var client = factory.CreateClient();

        Assert.DoesNotContain(factory.Services.GetServices<IHostedService>(), s => s is IdleMemoryTrim);
    }

    private IdleMemoryTrim Trim(Action? looked = null) => new(
        _activity, Microsoft.Extensions.Options.Options.Create(new MemoryOptions { TrimAfterQuiet = Quiet }), _time, NullLogger<IdleMemoryTrim>.Instance,
        () => Interlocked.Increment(ref _trims), looked);

    private void Requests(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _activity.Record();
        }
    }
}
