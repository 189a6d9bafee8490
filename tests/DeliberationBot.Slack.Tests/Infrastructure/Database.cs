using System.Data.Common;
using Microsoft.Data.Sqlite;
using DeliberationBot.Tests.Shared;
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
    public Task<IReadOnlyList<DumpedValue>> DumpAsync() => postgres is null ? DatabaseDump.SqliteAsync(path) : DatabaseDump.PostgresAsync(postgres);

    public async Task<IReadOnlyList<OutboxRow>> OutboxAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\", \"Channel\", \"Status\", \"Attempts\", \"NextAttemptAt\", \"LastError\", \"SlotKey\", \"MessageJson\" FROM outbox ORDER BY \"CreatedAt\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxRow(
                reader.GetValue(0) is Guid id ? id : Guid.Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                Instant(reader.GetValue(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7)));
        }

        return rows;
    }

    /// <summary>Outbox rows still to send now: pending and due (including those being sent).</summary>
    public async Task<int> DueAsync(DateTimeOffset now) =>
        (await OutboxAsync()).Count(r => r.Status == "pending" && r.NextAttemptAt <= now);

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every stored channel-state row's JSON, as written (to check that secrets are not in it).</summary>
    public async Task<IReadOnlyList<(string WorkspaceId, string Kind, string Key, string Json)>> ChannelStateAsync(string channel)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"WorkspaceId\", \"Kind\", \"Key\", \"Json\" FROM channel_state WHERE \"Channel\" = @channel";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "channel";
        parameter.Value = channel;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>Storage keeps instants on SQLite as UTC ticks (so that they sort and compare as time does), on PostgreSQL as timestamptz.</summary>
    private static DateTimeOffset Instant(object value) => value switch
    {
        long utcTicks => new(utcTicks, TimeSpan.Zero),
        DateTime utc => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        _ => (DateTimeOffset)value,
    };

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = postgres is null
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString())
            : new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        return connection;
    }
}
