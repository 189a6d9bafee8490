using System.Data;
using System.Data.Common;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Storage.Tests.Schema;

/// <summary>
/// On SQLite, contexts borrow connections that stay open between them (<see cref="SqliteConnections"/>): none is
/// closed and opened again per query, each has the small page cache, and none is lent with another's unfinished work.
/// </summary>
public sealed class SqliteConnectionsTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_connection_stays_open_from_one_context_to_the_next()
    {
        await using var services = await _db.StartServicesAsync();
        var factory = services.GetRequiredService<DbFactory>();

        SqliteConnection first;
        var closes = 0;
        await using (var ctx = factory.Create())
        {
            first = (SqliteConnection)ctx.Database.GetDbConnection();
            first.StateChange += (_, e) => closes += e.CurrentState == ConnectionState.Closed ? 1 : 0;
            Assert.Equal(0, await ctx.Deliberations.CountAsync());
        }

        await using (var again = factory.Create())
        {
            Assert.Same(first, again.Database.GetDbConnection());
            Assert.Equal(0, await again.Deliberations.CountAsync());
            Assert.Equal(-SqliteConnections.KibibytesPerConnection, await CacheSizeAsync(again.Database.GetDbConnection()));
        }

        Assert.Equal(ConnectionState.Open, first.State);
        Assert.Equal(0, closes);
    }

    [Fact]
    public async Task Contexts_at_the_same_time_each_have_their_own_connection_with_the_small_page_cache()
    {
        await using var services = await _db.StartServicesAsync();
        var factory = services.GetRequiredService<DbFactory>();
        await using var first = factory.Create();
        await using var second = factory.Create();

        Assert.NotSame(first.Database.GetDbConnection(), second.Database.GetDbConnection());
        Assert.Equal(-SqliteConnections.KibibytesPerConnection, await CacheSizeAsync(first.Database.GetDbConnection()));
        Assert.Equal(-SqliteConnections.KibibytesPerConnection, await CacheSizeAsync(second.Database.GetDbConnection()));
    }

    [Fact]
    public async Task A_connection_handed_back_inside_a_transaction_is_closed_and_its_write_undone()
    {
        await using var services = await _db.StartServicesAsync();
        var factory = services.GetRequiredService<DbFactory>();

        SqliteConnection abandoned;
        await using (var ctx = factory.Create())
        {
            abandoned = (SqliteConnection)ctx.Database.GetDbConnection();
            // A transaction the context does not know of, so nothing rolls it back before the connection goes back.
            await ctx.Database.ExecuteSqlRawAsync("BEGIN; INSERT INTO processed_deliveries (WorkspaceId, Key, At) VALUES ('T1', 'abandoned', 0);");
        }

        Assert.Equal(ConnectionState.Closed, abandoned.State);
        await using var next = factory.Create();
        Assert.NotSame(abandoned, next.Database.GetDbConnection());
        Assert.Equal(0, await next.ProcessedDeliveries.CountAsync());
    }

    [Fact]
    public async Task Stopping_the_service_closes_its_connections()
    {
        var services = await _db.StartServicesAsync();
        SqliteConnection connection;
        await using (var ctx = services.GetRequiredService<DbFactory>().Create())
        {
            connection = (SqliteConnection)ctx.Database.GetDbConnection();
        }

        await services.DisposeAsync();

        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    private static async Task<long> CacheSizeAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
