using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace DeliberationBot.Storage;

/// <summary>
/// Gives every SQLite connection a small page cache. Pooled connections each keep their own cache for as long as the
/// pool keeps them (2 MB by default), and under load the pool holds a dozen or more, all resident. A small cache costs
/// little here: in WAL mode a reader drops its cache whenever another connection has committed, which under load is
/// almost always, and the pages stay in the operating system's cache. Measured in
/// tests/DeliberationBot.Benchmarks/results/startup-memory.md.
/// </summary>
internal sealed class SqlitePageCache : DbConnectionInterceptor
{
    /// <summary>Kibibytes per connection (SQLite's <c>cache_size</c> takes a negative number for KiB).</summary>
    public const int KibibytesPerConnection = 512;

    public static readonly SqlitePageCache Instance = new();

    private static readonly string Pragma = $"PRAGMA cache_size=-{KibibytesPerConnection};";

    // The pragma belongs to the native connection, which the pool reuses across opens; set it once per native handle.
    private readonly ConditionalWeakTable<sqlite3, object> _configured = new();

    private SqlitePageCache()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (Unconfigured(connection) is { } handle)
        {
            using var command = PragmaCommand(connection);
            command.ExecuteNonQuery();
            _configured.AddOrUpdate(handle, this);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Unconfigured(connection) is { } handle)
        {
            await using var command = PragmaCommand(connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            _configured.AddOrUpdate(handle, this);
        }
    }

    private sqlite3? Unconfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && !_configured.TryGetValue(handle, out _) ? handle : null;

    private static DbCommand PragmaCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Pragma;
        return command;
    }
}
