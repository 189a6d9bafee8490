using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DeliberationBot.Slack.Tests.Infrastructure;

internal sealed record OutboxRow(Guid Id, string Channel, string Status, int Attempts, DateTimeOffset NextAttemptAt, string? LastError, string? SlotKey, string MessageJson);

/// <summary>
/// Raw SQL on the service's database (its SQLite file, or its PostgreSQL database when <paramref name="postgres"/> is
/// given), for what no port exposes (outbox rows, stored channel state, counts).
/// </summary>
internal sealed class Database(string path, string? postgres = null)
{
    /// <summary>Every value of every table, as a dump shows it.</summary>
    public Task<IReadOnlyList<DumpedValue>> DumpAsync() => DatabaseDump.ServiceAsync(path, postgres);

    public async Task<IReadOnlyList<OutboxRow>> OutboxAsync()
    {
        var rows = new List<OutboxRow>();
        await ServiceSql.ReadAsync(Connection(), "SELECT \"Id\", \"Channel\", \"Status\", \"Attempts\", \"NextAttemptAt\", \"LastError\", \"SlotKey\", \"MessageJson\" FROM outbox ORDER BY \"CreatedAt\"", reader =>
            rows.Add(new OutboxRow(
                ServiceSql.Id(reader, 0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                ServiceSql.Instant(reader.GetValue(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7))));
        return rows;
    }

    /// <summary>Outbox rows still to send now: pending and due (including those being sent).</summary>
    public async Task<int> DueAsync(DateTimeOffset now) =>
        (await OutboxAsync()).Count(r => r.Status == "pending" && r.NextAttemptAt <= now);

    public Task<long> CountAsync(string table) => ServiceSql.ScalarAsync(Connection(), $"SELECT COUNT(*) FROM \"{table}\"");

    /// <summary>Every stored channel-state row's JSON, as written (to check that secrets are not in it).</summary>
    public async Task<IReadOnlyList<(string WorkspaceId, string Kind, string Key, string Json)>> ChannelStateAsync(string channel)
    {
        var rows = new List<(string, string, string, string)>();
        await ServiceSql.ReadAsync(Connection(), "SELECT \"WorkspaceId\", \"Kind\", \"Key\", \"Json\" FROM channel_state WHERE \"Channel\" = @channel",
            reader => rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))), ("channel", channel));
        return rows;
    }

    private DbConnection Connection() => postgres is null
        ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString())
        : new NpgsqlConnection(postgres);
}
