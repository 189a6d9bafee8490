using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeliberationBot.Storage.Tests.Schema;

/// <summary>
/// On PostgreSQL, a statement the service runs again and again is prepared on the server, so it is not parsed and
/// planned anew each time, a connection handed back to the pool is not reset by statements of its own, and a burst
/// opens only as many connections as the service pools. Where the operator's connection string sets any of these, it
/// wins.
/// </summary>
public sealed class PostgresConnectionDefaultsTests
{
    [SkippableFact]
    public async Task A_statement_run_again_and_again_is_prepared_on_the_server()
    {
        PostgresServer.SkipUnlessConfigured();
        await using var database = await PostgresScratchDatabase.CreateAsync();
        using var db = await StartAsync(database.ConnectionString);

        Assert.Equal(1, await PreparedAfterRepeatingAsync(db));
    }

    [SkippableFact]
    public async Task An_operator_who_sets_max_auto_prepare_to_zero_gets_no_prepared_statements()
    {
        PostgresServer.SkipUnlessConfigured();
        await using var database = await PostgresScratchDatabase.CreateAsync();
        using var db = await StartAsync(database.ConnectionString + ";Max Auto Prepare=0");

        Assert.Equal(0, await PreparedAfterRepeatingAsync(db));
    }

    [SkippableFact]
    public async Task A_connection_handed_back_is_not_reset_unless_the_operator_asks()
    {
        PostgresServer.SkipUnlessConfigured();
        await using var database = await PostgresScratchDatabase.CreateAsync();
        using (var db = await StartAsync(database.ConnectionString))
        {
            Assert.Equal("marked", await SettingAfterHandingBackAsync(db));
        }

        using (var db = await StartAsync(database.ConnectionString + ";No Reset On Close=false"))
        {
            Assert.Equal("", await SettingAfterHandingBackAsync(db));
        }
    }

    [SkippableFact]
    public async Task A_burst_of_store_calls_opens_no_more_connections_than_the_service_pools()
    {
        PostgresServer.SkipUnlessConfigured();
        await using var database = await PostgresScratchDatabase.CreateAsync();
        using var db = await StartAsync(database.ConnectionString);
        NpgsqlConnection.ClearAllPools(); // only the burst's own connections are counted

        // Forty calls at once, each holding its connection for a while, as requests in a burst do.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            await using var ctx = db.Create();
            await ctx.Database.ExecuteSqlRawAsync("SELECT pg_sleep(0.3)");
        }));

        // The pool keeps what it opened, idle, so the database's sessions now are the most the burst had at once.
        await using var counter = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await counter.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", counter);
        var sessions = (long)(await count.ExecuteScalarAsync())!;
        Assert.InRange(sessions, 1, DbFactory.PooledConnections);
    }

    [Theory]
    [InlineData("Host=db;Username=bot", DbFactory.AutoPreparedStatements, true, DbFactory.PooledConnections)]
    [InlineData("Host=db;Username=bot;Max Auto Prepare=0;No Reset On Close=false;Maximum Pool Size=100", 0, false, 100)]
    [InlineData("Host=db;Username=bot;MaxAutoPrepare=8;NoResetOnClose=false;MaxPoolSize=40", 8, false, 40)]
    [InlineData("Host=db;Username=bot;max auto prepare=12;maximum pool size=4", 12, true, 4)]
    [InlineData("Host=db;Username=bot;Minimum Pool Size=20", DbFactory.AutoPreparedStatements, true, 20)]
    [InlineData("Host=db;Username=bot;Password=;Maximum Pool Size=", DbFactory.AutoPreparedStatements, true, DbFactory.PooledConnections)]
    public void The_settings_are_added_only_where_the_connection_string_has_none(string connectionString, int prepared, bool noReset, int pooled)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);

        DbFactory.ApplyServiceDefaults(settings);

        Assert.Equal(prepared, settings.MaxAutoPrepare);
        Assert.Equal(noReset, settings.NoResetOnClose);
        Assert.Equal(pooled, settings.MaxPoolSize);
    }

    private static async Task<DbFactory> StartAsync(string connectionString)
    {
        var options = Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString });
        var db = new DbFactory(options);
        await new DatabaseSchema(db, options).PrepareAsync(default);
        return db;
    }

    /// <summary>Runs one query ten times on one connection and counts the statements prepared there that are that query.</summary>
    private static async Task<long> PreparedAfterRepeatingAsync(DbFactory db)
    {
        await using var ctx = db.Create();
        await ctx.Database.OpenConnectionAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(0, await ctx.Deliberations.CountAsync(d => d.WorkspaceId == "T-PREPARED"));
        }

        return await ctx.Database
            .SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_prepared_statements WHERE NOT from_sql AND statement LIKE '%T-PREPARED%'")
            .SingleAsync();
    }

    /// <summary>
    /// Marks a session, hands its connection back and reads the mark on the next context's connection: the pool's only
    /// one, so the same session. A reset would have cleared the mark.
    /// </summary>
    private static async Task<string> SettingAfterHandingBackAsync(DbFactory db)
    {
        int session;
        await using (var ctx = db.Create())
        {
            await ctx.Database.OpenConnectionAsync();
            session = await ctx.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
            await ctx.Database.ExecuteSqlRawAsync("SET application_name = 'marked'");
        }

        await using var next = db.Create();
        await next.Database.OpenConnectionAsync();
        Assert.Equal(session, await next.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync());
        return await next.Database.SqlQueryRaw<string>("SELECT current_setting('application_name') AS \"Value\"").SingleAsync();
    }
}
