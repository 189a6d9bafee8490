using Npgsql;

namespace DeliberationBot.Testing;

/// <summary>
/// The PostgreSQL server for tests, from DELIBERATIONBOT_TEST_POSTGRES (a connection string to a database the user may
/// create databases from). Without it the PostgreSQL tests report themselves skipped, except in CI, where they fail.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "DELIBERATIONBOT_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool Configured => ConnectionString is not null;

    public static void SkipUnlessConfigured()
    {
        if (!Configured && Environment.GetEnvironmentVariable("CI") is not { Length: > 0 })
        {
            throw new SkipException($"PostgreSQL tests skipped: no server configured. Set {Variable}, e.g. \"Host=127.0.0.1;Username=postgres;Password=postgres\".");
        }

        if (!Configured)
        {
            throw new InvalidOperationException($"CI must provide a PostgreSQL server in {Variable}; these tests never skip in CI.");
        }
    }
}

/// <summary>A fresh, empty database on the test server, dropped afterwards.</summary>
public sealed class PostgresScratchDatabase : IAsyncDisposable
{
    private PostgresScratchDatabase(string name) => Name = name;

    public string Name { get; }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = Name }.ToString();

    public static async Task<PostgresScratchDatabase> CreateAsync()
    {
        var database = new PostgresScratchDatabase("dbtest_" + Guid.NewGuid().ToString("N")[..12]);
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database.Name}", connection);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
