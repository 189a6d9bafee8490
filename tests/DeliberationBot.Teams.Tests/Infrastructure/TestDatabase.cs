using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>An outbox row as stored, for checks the outbox port does not offer (state, retry time, last error).</summary>
internal sealed record OutboxRow(string Status, DateTimeOffset NextAttemptAt, string? LastError);

/// <summary>
/// The service's database, which outlives a host (a restart is a new host over the same data): by default a SQLite
/// file in a temporary folder, or a PostgreSQL database given by <see cref="Postgres"/>; and SQL over it for what the
/// public ports do not show.
/// </summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly ScratchFolder _folder = new("deliberationbot-teams-");

    public string Path => _folder.PathOf("bot.db");

    /// <summary>A PostgreSQL connection string to use instead of the SQLite file (set before the host starts).</summary>
    public string? Postgres { get; set; }

    /// <summary>The storage settings that point the service at this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> StorageSettings() => Postgres is null
        ? [new("Storage:Provider", "Sqlite"), new("Storage:SqlitePath", Path)]
        : [new("Storage:Provider", "Postgres"), new("ConnectionStrings:Deliberations", Postgres)];

    /// <summary>Every value of every table, as a dump shows it.</summary>
    public Task<IReadOnlyList<DumpedValue>> DumpAsync() => DatabaseDump.ServiceAsync(Path, Postgres);

    /// <summary>The pseudonym key belongs with the data: a restarted service must use the same one.</summary>
    public string PseudonymKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public Task<long> CountAsync(string table) => ServiceSql.ScalarAsync(Open(), $"SELECT count(*) FROM {table}");

    /// <summary>Rows of every table a turn writes to; 0 means nothing was stored.</summary>
    public Task<long> StoredRowsAsync() => ServiceSql.ScalarAsync(Open(),
        "SELECT (SELECT count(*) FROM deliberations) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM processed_deliveries) + " +
        "(SELECT count(*) FROM channel_state) + (SELECT count(*) FROM participants)");

    public async Task<IReadOnlyList<Guid>> DeliberationIdsAsync()
    {
        var ids = new List<Guid>();
        await ServiceSql.ReadAsync(Open(), "SELECT \"Id\" FROM deliberations ORDER BY \"CreatedAt\", \"Id\"", r => ids.Add(ServiceSql.Id(r, 0)));
        return ids;
    }

    public async Task<IReadOnlyList<OutboxRow>> OutboxAsync()
    {
        var rows = new List<OutboxRow>();
        await ServiceSql.ReadAsync(Open(), "SELECT \"Status\", \"NextAttemptAt\", \"LastError\" FROM outbox ORDER BY \"CreatedAt\", \"Id\"", r =>
            rows.Add(new OutboxRow(r.GetString(0), ServiceSql.Instant(r.GetValue(1)), r.IsDBNull(2) ? null : r.GetString(2))));
        return rows;
    }

    /// <summary>Nothing in the outbox is due at <paramref name="now"/> or in a sender's hands.</summary>
    public async Task<bool> OutboxSettledAsync(DateTimeOffset now)
    {
        long count = 0;
        await ServiceSql.ReadAsync(Open(), "SELECT count(*) FROM outbox WHERE \"Status\" = 'pending' AND (\"NextAttemptAt\" <= @now OR \"LockedUntil\" IS NOT NULL)",
            r => count = r.GetInt64(0), ("now", Postgres is null ? now.UtcTicks : now));
        return count == 0;
    }

    /// <summary>The Teams records in the channel state table of a tenant: (kind, key, json).</summary>
    public async Task<IReadOnlyList<(string Kind, string Key, string Json)>> TeamsStateAsync(string tenantId)
    {
        var rows = new List<(string, string, string)>();
        await ServiceSql.ReadAsync(Open(), "SELECT \"Kind\", \"Key\", \"Json\" FROM channel_state WHERE \"Channel\" = 'teams' AND \"WorkspaceId\" = @tenant ORDER BY \"Kind\", \"Key\"",
            r => rows.Add((r.GetString(0), r.GetString(1), r.GetString(2))), ("tenant", tenantId));
        return rows;
    }

    public void Dispose() => _folder.Dispose();

    private DbConnection Open() => Postgres is null
        ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString())
        : new NpgsqlConnection(Postgres);
}
