using System.Data.Common;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Storage.Tests.Schema;

/// <summary>
/// Every SQLite connection the service opens has a small page cache, the pooled ones included: each pooled connection
/// keeps its cache resident for as long as the pool keeps it (2 MB by SQLite's default).
/// </summary>
public sealed class SqlitePageCacheTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_connection_taken_again_from_the_pool_keeps_the_small_page_cache()
    {
        await using var services = await _db.StartServicesAsync();
        var factory = services.GetRequiredService<DbFactory>();

        object firstHandle;
        await using (var ctx = factory.Create())
        {
            await ctx.Database.OpenConnectionAsync();
            Assert.Equal(-SqlitePageCache.KibibytesPerConnection, await CacheSizeAsync(ctx.Database.GetDbConnection()));
            firstHandle = ((SqliteConnection)ctx.Database.GetDbConnection()).Handle!;
        }

        await using (var again = factory.Create())
        {
            await again.Database.OpenConnectionAsync();
            Assert.Same(firstHandle, ((SqliteConnection)again.Database.GetDbConnection()).Handle); // the pool's native connection
            Assert.Equal(-SqlitePageCache.KibibytesPerConnection, await CacheSizeAsync(again.Database.GetDbConnection()));
        }
    }

    [Fact]
    public async Task Connections_open_at_the_same_time_each_have_the_small_page_cache()
    {
        await using var services = await _db.StartServicesAsync();
        var factory = services.GetRequiredService<DbFactory>();
        await using var first = factory.Create();
        await using var second = factory.Create();

        first.Database.OpenConnection(); // the synchronous path, as Data Protection's key repository takes it
        await second.Database.OpenConnectionAsync();

        Assert.NotSame(((SqliteConnection)first.Database.GetDbConnection()).Handle, ((SqliteConnection)second.Database.GetDbConnection()).Handle);
        Assert.Equal(-SqlitePageCache.KibibytesPerConnection, await CacheSizeAsync(first.Database.GetDbConnection()));
        Assert.Equal(-SqlitePageCache.KibibytesPerConnection, await CacheSizeAsync(second.Database.GetDbConnection()));
    }

    private static async Task<long> CacheSizeAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
