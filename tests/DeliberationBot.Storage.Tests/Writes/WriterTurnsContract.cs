using DeliberationBot.Storage.Rows;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Storage.Tests.Writes;

/// <summary>
/// SQLite has one writer at a time: the service's writes take turns instead of colliding (a collision puts a thread to
/// sleep in the driver's busy retry). PostgreSQL writes run side by side.
/// </summary>
public abstract class WriterTurnsContract(TestDatabase db) : DatabaseContract
{
    protected override TestDatabase Database => db;

    /// <summary>Whether a second write starts while the first is still open.</summary>
    protected abstract bool WritesOverlap { get; }

    [SkippableFact]
    public async Task A_second_write_waits_for_the_first_only_where_the_database_has_one_writer()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var factory = services.GetRequiredService<DbFactory>();
        var firstOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finishFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = factory.WriteAsync(
            async ctx =>
            {
                ctx.JobLeases.Add(Lease("first"));
                await ctx.SaveChangesAsync();
                firstOpen.SetResult();
                await finishFirst.Task;
            },
            CancellationToken.None);
        await firstOpen.Task;

        // Called on this thread: a write that collided with the open one in the driver would block it here, asleep in
        // the busy retry, until the driver gave up; one that takes its turn returns at once, still waiting.
        var second = factory.WriteAsync(
            async ctx =>
            {
                secondStarted.SetResult();
                ctx.JobLeases.Add(Lease("second"));
                await ctx.SaveChangesAsync();
            },
            CancellationToken.None);

        if (WritesOverlap)
        {
            await secondStarted.Task;
            await second;
            Assert.False(first.IsCompleted);
        }
        else
        {
            Assert.False(secondStarted.Task.IsCompleted);
            Assert.False(second.IsCompleted);
        }

        finishFirst.SetResult();
        await Task.WhenAll(first, second);
        await using var read = factory.Create();
        Assert.Equal(["first", "second"], await read.JobLeases.Select(x => x.Name).OrderBy(x => x).ToListAsync());
    }

    [SkippableFact]
    public async Task A_write_that_fails_leaves_nothing_behind_and_the_next_write_goes_ahead()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var factory = services.GetRequiredService<DbFactory>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WriteAsync(
            async ctx =>
            {
                ctx.JobLeases.Add(Lease("half-done"));
                await ctx.SaveChangesAsync();
                throw new InvalidOperationException("the rest of the write failed");
            },
            CancellationToken.None));
        await factory.WriteAsync(
            ctx =>
            {
                ctx.JobLeases.Add(Lease("next"));
                return ctx.SaveChangesAsync();
            },
            CancellationToken.None);

        await using var read = factory.Create();
        Assert.Equal(["next"], await read.JobLeases.Select(x => x.Name).ToListAsync());
    }

    private JobLeaseRow Lease(string name) => new() { Name = name, Holder = "test", LeaseUntil = db.Time.GetUtcNow() };
}

public sealed class SqliteWriterTurnsTests() : WriterTurnsContract(new SqliteTestDatabase())
{
    protected override bool WritesOverlap => false;
}

public sealed class PostgresWriterTurnsTests() : WriterTurnsContract(new PostgresTestDatabase())
{
    protected override bool WritesOverlap => true;
}
