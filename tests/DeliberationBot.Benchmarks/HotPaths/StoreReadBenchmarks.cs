using BenchmarkDotNet.Attributes;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Benchmarks.HotPaths;

/// <summary>
/// The reads every turn makes before its commit, through the real store over a SQLite file, as the service is
/// composed: whether the platform is delivering the turn again, the deliberation, and the person's participation.
/// Run from the same benchmark file on two builds, they say what a change to one read saves without the noise of a
/// load run on shared cores.
/// </summary>
[MemoryDiagnoser]
public class StoreReadBenchmarks : IDisposable
{
    private const string Workspace = "T0BENCH";
    private readonly string _folder = Directory.CreateTempSubdirectory("deliberationbot-store-reads-").FullName;
    private BenchHost _host = null!;
    private IDeliberationStore _store = null!;
    private Guid _deliberation;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _host = new BenchHost(_folder, "http://127.0.0.1:9/");
        _ = _host.Server; // starts the host: migrations applied, workers running
        _store = _host.Services.GetRequiredService<IDeliberationStore>();

        var now = TimeProvider.System.GetUtcNow();
        var flow = FlowParser.Parse(File.ReadAllText(Path.Combine(Repository.Root, "prompts", "flows", "quick-check.yaml")), "quick-check.yaml");
        var d = new Deliberation(Guid.CreateVersion7(now), Workspace, flow.Id, flow.Version, "Screening tool for case intake", null,
            [new UserRef("U0OWNER", "Owner")], new UserRef("U0FACILITATOR", "Facilitator"), new ConversationRef("slack", Workspace, "C0BENCH"),
            null, AnonymityPolicy.AnonymousAllowed, DeliberationStatus.Open, now);
        _deliberation = d.Id;
        Commit(new Commit(Workspace, "bench:start") { Deliberation = d, FlowSnapshot = flow });
        Commit(new Commit(Workspace, "bench:join") { Participants = [new Participant(d.Id, "user:U0P000001", "U0P000001", "p1", StakeholderGroup.FrontlineWorker, false, now)] });
        Check(Delivered().GetAwaiter().GetResult() is false && Deliberation().GetAwaiter().GetResult() && Participant().GetAwaiter().GetResult(), "the seeded rows were not read back");
    }

    /// <summary>A new delivery, as almost every turn is: not seen before.</summary>
    [Benchmark(Description = "store: was this delivery handled already? (a new one, SQLite)")]
    public Task<bool> Delivered() => _store.WasDeliveredAsync(Workspace, "slack:" + Interlocked.Increment(ref _next), default);

    [Benchmark(Description = "store: a deliberation by id (SQLite)")]
    public async Task<bool> Deliberation() => await _store.FindAsync(Workspace, _deliberation, default) is not null;

    [Benchmark(Description = "store: a person's participation (SQLite)")]
    public async Task<bool> Participant() => await _store.FindParticipantAsync(Workspace, _deliberation, "user:U0P000001", default) is not null;

    [GlobalCleanup]
    public void Dispose()
    {
        _host?.Dispose();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private void Commit(Commit commit) =>
        Check(_store.CommitAsync(commit, default).GetAwaiter().GetResult() == CommitOutcome.Committed, "a seeding commit was not made");

    private static void Check(bool ok, string problem)
    {
        if (!ok)
        {
            throw new InvalidOperationException("Benchmark set-up: " + problem);
        }
    }
}
