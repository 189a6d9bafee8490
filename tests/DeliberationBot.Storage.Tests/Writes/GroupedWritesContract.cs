using System.Diagnostics;
using DeliberationBot.Storage.Rows;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Storage.Tests.Writes;

/// <summary>Group commit: writes that arrive while one is being written go together, in one transaction.</summary>
public abstract class GroupedWritesContract(TestDatabase db) : DatabaseContract
{
    protected override TestDatabase Database => db;

    private readonly TaskCompletionSource _firstOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finishFirst = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Name, Guid Transaction)> _written = [];

    [SkippableFact]
    public async Task Writes_queued_while_a_group_is_written_join_it_and_share_its_commit()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var factory = services.GetRequiredService<DbFactory>();
        var writes = new GroupedWrites(factory);

        await WriteBehindAnOpenOneAsync(writes, ["a", "b", "c"]);

        Assert.Equal([["first", "a", "b", "c"]], Transactions());
        Assert.Equal(["a", "b", "c", "first"], await NamesAsync(factory));
    }

    [SkippableFact]
    public async Task A_group_takes_late_writes_only_up_to_its_bound_and_the_rest_follow_in_the_next_in_order()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var factory = services.GetRequiredService<DbFactory>();
        var writes = new GroupedWrites(factory);

        var names = Enumerable.Range(1, GroupedWrites.MostToExtendTo + 5).Select(i => $"w{i:D2}").ToList();
        await WriteBehindAnOpenOneAsync(writes, names);

        var late = GroupedWrites.MostToExtendTo - 1;
        Assert.Equal([["first", .. names[..late]], [.. names[late..]]], Transactions());
    }

    [SkippableFact]
    public async Task A_write_that_fails_is_undone_alone_and_only_its_caller_sees_the_error()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var factory = services.GetRequiredService<DbFactory>();
        var writes = new GroupedWrites(factory);

        var first = Lease(writes, "first");
        await _firstOpen.Task;
        var fine = Lease(writes, "fine");
        var bad = Lease(writes, "bad");
        var after = Lease(writes, "after");
        _finishFirst.SetResult();
        await first;

        Assert.Equal("bad lease", (await Assert.ThrowsAsync<InvalidOperationException>(() => bad)).Message);
        await Task.WhenAll(fine, after);
        await Lease(writes, "next");

        Assert.Equal([["first", "fine", "bad", "after"], ["next"]], Transactions());
        // "bad" had saved its lease before it threw; only that is undone.
        Assert.Equal(["after", "fine", "first", "next"], await NamesAsync(factory));
    }

    /// <summary>Holds the write of "first" open while <paramref name="names"/> queue behind it, then lets it finish; waits for all.</summary>
    private async Task WriteBehindAnOpenOneAsync(GroupedWrites writes, IReadOnlyList<string> names)
    {
        var first = Lease(writes, "first");
        await _firstOpen.Task;
        var rest = names.Select(name => Lease(writes, name)).ToList();
        Assert.DoesNotContain(rest, w => w.IsCompleted);

        _finishFirst.SetResult();
        await first;
        await Task.WhenAll(rest);
    }

    /// <summary>
    /// Stores a lease under <paramref name="name"/> and notes its transaction. The write of "first" stays open until the
    /// test lets it finish; the write of "bad" fails after storing its lease. Each caller is in a trace of its own,
    /// named after its lease, and its write must run in that trace whichever caller leads its group.
    /// </summary>
    private async Task Lease(GroupedWrites writes, string name)
    {
        using var trace = new Activity(name).Start();
        await writes.WriteAsync(async ctx =>
        {
            Assert.Equal(name, Activity.Current?.OperationName);
            _written.Add((name, ctx.Database.CurrentTransaction!.TransactionId));
            ctx.JobLeases.Add(new JobLeaseRow { Name = name, Holder = "test", LeaseUntil = db.Time.GetUtcNow() });
            await ctx.SaveChangesAsync();
            if (name == "first")
            {
                _firstOpen.SetResult();
                await _finishFirst.Task;
            }

            if (name == "bad")
            {
                throw new InvalidOperationException("bad lease");
            }
        });
    }

    /// <summary>The names written, by the transaction that carried them, in order.</summary>
    private List<string[]> Transactions() => [.. _written.GroupBy(w => w.Transaction).Select(t => t.Select(w => w.Name).ToArray())];

    private static async Task<List<string>> NamesAsync(DbFactory factory)
    {
        await using var read = factory.Create();
        return await read.JobLeases.Select(x => x.Name).OrderBy(x => x).ToListAsync();
    }
}

public sealed class SqliteGroupedWritesTests() : GroupedWritesContract(new SqliteTestDatabase());

public sealed class PostgresGroupedWritesTests() : GroupedWritesContract(new PostgresTestDatabase());
