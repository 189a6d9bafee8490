using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DeliberationBot.Storage;

/// <summary>
/// SQLite connections opened once and lent to one context at a time, for as long as the service runs. A context that
/// opens and closes its own connection around every query pays for it each time: EF Core registers a dozen SQL
/// functions on every open and the driver's pool removes them again on every close, under locks every connection
/// shares (16 % of a <c>status</c> command's CPU under load, by profile). Each connection gets a small page cache when
/// it opens (<see cref="KibibytesPerConnection"/>).
/// </summary>
internal sealed class SqliteConnections(string connectionString) : IDisposable
{
    /// <summary>
    /// Page cache per connection, in KiB. SQLite's default is 2 MB, and every idle connection keeps its cache resident;
    /// a small one costs little here, because in WAL mode a reader drops its cache whenever another connection has
    /// committed, which under load is almost always, and the pages stay in the operating system's cache. Measured in
    /// tests/DeliberationBot.Benchmarks/results/startup-memory.md.
    /// </summary>
    public const int KibibytesPerConnection = 512;

    /// <summary>Idle connections beyond about this many are closed: as many as the context pool holds.</summary>
    public const int KeptIdle = 64;

    private readonly ConcurrentQueue<SqliteConnection> _idle = new();
    private bool _disposed;

    public SqliteConnection Lend()
    {
        if (_idle.TryDequeue(out var connection))
        {
            return connection;
        }

        connection = new StatementCachingConnection(connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA cache_size=-{KibibytesPerConnection};";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes a connection back. One still inside a transaction (a write abandoned before its rollback) or no longer
    /// open is closed rather than lent again, so no context ever inherits another's unfinished work.
    /// </summary>
    public void TakeBack(SqliteConnection connection)
    {
        // Two hand-backs at once may keep one more than the bound; it only bounds what an idle service holds.
        if (!IsClean(connection) || Volatile.Read(ref _disposed) || _idle.Count >= KeptIdle)
        {
            connection.Dispose();
            return;
        }

        _idle.Enqueue(connection);
        if (Volatile.Read(ref _disposed))
        {
            CloseIdle(); // stopped while this one was being handed back
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        CloseIdle();
    }

    private static bool IsClean(SqliteConnection connection) =>
        connection is { State: ConnectionState.Open, Handle: { } handle } && raw.sqlite3_get_autocommit(handle) != 0;

    private void CloseIdle()
    {
        while (_idle.TryDequeue(out var connection))
        {
            connection.Dispose();
        }
    }
}
