using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DeliberationBot.Testing;

/// <summary>One stored value: where it is and what it says as text.</summary>
public sealed record DumpedValue(string Table, string Column, string Value, IReadOnlyDictionary<string, string> Row)
{
    public override string ToString() => $"{Table}.{Column} = {(Value.Length > 300 ? Value[..300] + "…" : Value)}";
}

/// <summary>
/// What a database dump shows an attacker: every value of every column of every table, as text. Tables are listed from
/// the database's own catalogue (sqlite_master, information_schema), so a table added later is read too.
/// </summary>
public static class DatabaseDump
{
    /// <summary>The service's database: its PostgreSQL database when <paramref name="postgres"/> is given, else its SQLite file.</summary>
    public static Task<IReadOnlyList<DumpedValue>> ServiceAsync(string sqlitePath, string? postgres) =>
        postgres is null ? SqliteAsync(sqlitePath) : PostgresAsync(postgres);

    public static async Task<IReadOnlyList<DumpedValue>> SqliteAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        return await ReadAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'");
    }

    public static async Task<IReadOnlyList<DumpedValue>> PostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ReadAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
    }

    private static async Task<IReadOnlyList<DumpedValue>> ReadAsync(DbConnection connection, string listTables)
    {
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = listTables;
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(tables);
        var values = new List<DumpedValue>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await using var rows = await select.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < rows.FieldCount; i++)
                {
                    row[rows.GetName(i)] = rows.IsDBNull(i) ? "" : Text(rows.GetValue(i));
                }

                values.AddRange(row.Where(c => c.Value.Length > 0).Select(c => new DumpedValue(table, c.Key, c.Value, row)));
            }
        }

        return values;
    }

    private static string Text(object value) => value switch
    {
        string s => s,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>The check a dump must pass after an anonymous journey: nothing in it ties the person to what they said.</summary>
public static class AnonymityAtRest
{
    /// <summary>
    /// Where the dump shows the person: their name anywhere (nothing needs it), or their platform id anywhere but the
    /// records that reach them: Teams conversation references (kind "user": their ids, the service URL and their 1:1
    /// chat's id; kind "conversation": a chat's id and service URL), which hold nothing of what anyone said.
    /// </summary>
    public static IReadOnlyList<DumpedValue> Exposures(IReadOnlyList<DumpedValue> dump, string platformId, string name) =>
    [
        .. dump.Where(v => v.Value.Contains(name, StringComparison.OrdinalIgnoreCase)
            || (v.Value.Contains(platformId, StringComparison.OrdinalIgnoreCase) && !IsReachabilityRecord(v))),
    ];

    private static bool IsReachabilityRecord(DumpedValue v) =>
        v.Table == "channel_state" && v.Row.GetValueOrDefault("Kind") is "user" or "conversation";
}
