using DeliberationBot.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DeliberationBot.Storage.Tests.Schema;

/// <summary>
/// On PostgreSQL, a statement the service runs again and again is prepared on the server, so it is not parsed and
/// planned anew each time; an operator's <c>Max Auto Prepare</c> in the connection string wins.
/// </summary>
public sealed class PostgresPreparedStatementsTests
{
    [SkippableFact]
    public async Task A_statement_run_again_and_again_is_prepared_on_the_server()
    {
        PostgresServer.SkipUnlessConfigured();
        await using var database = await PostgresScratchDatabase.CreateAsync();

        Assert.Equal(1, await PreparedAfterRepeatingAsync(database.ConnectionString));
    }

    [SkippableFact]
    public async Task An_operator_who_sets_max_auto_prepare_to_zero_gets_no_prepared_statements()
    {
        PostgresServer.SkipUnlessConfigured();
        await using var database = await PostgresScratchDatabase.CreateAsync();

        Assert.Equal(0, await PreparedAfterRepeatingAsync(database.ConnectionString + ";Max Auto Prepare=0"));
    }

    [Theory]
    [InlineData("Host=db;Username=bot", DbFactory.AutoPreparedStatements)]
    [InlineData("Host=db;Username=bot;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Username=bot;MaxAutoPrepare=8", 8)]
    [InlineData("Host=db;Username=bot;max auto prepare=12", 12)]
    public void The_setting_is_added_only_where_the_connection_string_has_none(string connectionString, int expected)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);

        DbFactory.PrepareRepeatedStatements(settings);

        Assert.Equal(expected, settings.MaxAutoPrepare);
    }

    /// <summary>Runs one query ten times on one connection and counts the statements prepared there that are that query.</summary>
    private static async Task<long> PreparedAfterRepeatingAsync(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Deliberations"] = connectionString,
        }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddDeliberationStorage()
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseSchema>().PrepareAsync(CancellationToken.None);

        await using var ctx = services.GetRequiredService<DbFactory>().Create();
        await ctx.Database.OpenConnectionAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(0, await ctx.Deliberations.CountAsync(d => d.WorkspaceId == "T-PREPARED"));
        }

        return await ctx.Database
            .SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_prepared_statements WHERE NOT from_sql AND statement LIKE '%T-PREPARED%'")
            .SingleAsync();
    }
}
