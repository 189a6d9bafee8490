using Microsoft.Data.Sqlite;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>An outbox row as stored, for checks the outbox port does not offer (state, retry time, last error).</summary>
internal sealed record OutboxRow(string Status, DateTimeOffset NextAttemptAt, string? LastError);

/// <summary>
/// The service's SQLite file in a temporary folder, which outlives a host (a restart is a new host over the same file),
/// and read-only SQL over it for what the public ports do not show.
/// </summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("deliberationbot-teams-");

    public string Path => System.IO.Path.Combine(_folder.FullName, "bot.db");

    /// <summary>The pseudonym key belongs with the data: a restarted service must use the same one.</summary>
    public string PseudonymKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public Task<long> CountAsync(string table) => ScalarAsync($"SELECT count(*) FROM {table}");

    /// <summary>Rows of every table a turn writes to; 0 means nothing was stored.</summary>
    public Task<long> StoredRowsAsync() => ScalarAsync(
        "SELECT (SELECT count(*) FROM deliberations) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM processed_deliveries) + " +
        "(SELECT count(*) FROM channel_state) + (SELECT count(*) FROM participants)");

    public async Task<IReadOnlyList<Guid>> DeliberationIdsAsync()
    {
        var ids = new List<Guid>();
        await ReadAsync("SELECT Id FROM deliberations ORDER BY CreatedAt, Id", r => ids.Add(Guid.Parse(r.GetString(0))));
        return ids;
    }

    public async Task<IReadOnlyList<OutboxRow>> OutboxAsync()
    {
        var rows = new List<OutboxRow>();
        await ReadAsync("SELECT Status, NextAttemptAt, LastError FROM outbox ORDER BY CreatedAt, Id", r =>
            rows.Add(new OutboxRow(r.GetString(0), new DateTimeOffset(r.GetInt64(1), TimeSpan.Zero), r.IsDBNull(2) ? null : r.GetString(2))));
        return rows;
    }

    /// <summary>Nothing in the outbox is due at <paramref name="now"/> or in a sender's hands.</summary>
    public async Task<bool> OutboxSettledAsync(DateTimeOffset now)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox WHERE Status = 'pending' AND (NextAttemptAt <= $now OR LockedUntil IS NOT NULL)";
        command.Parameters.AddWithValue("$now", now.UtcTicks);
        return (long)(await command.ExecuteScalarAsync())! == 0;
    }

    /// <summary>The Teams records in the channel state table of a tenant: (kind, key, json).</summary>
    public async Task<IReadOnlyList<(string Kind, string Key, string Json)>> TeamsStateAsync(string tenantId)
    {
        var rows = new List<(string, string, string)>();
        await ReadAsync("SELECT Kind, Key, Json FROM channel_state WHERE Channel = 'teams' AND WorkspaceId = $tenant ORDER BY Kind, Key",
            r => rows.Add((r.GetString(0), r.GetString(1), r.GetString(2))), ("$tenant", tenantId));
        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background task; the OS temp cleaner gets it.
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ReadAsync(string sql, Action<SqliteDataReader> row, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            row(reader);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
