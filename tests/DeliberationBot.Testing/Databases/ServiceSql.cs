using System.Data.Common;

namespace DeliberationBot.Testing;

/// <summary>Raw SQL on the service's database, SQLite or PostgreSQL, for what no port exposes.</summary>
public static class ServiceSql
{
    /// <summary>Opens <paramref name="connection"/>, runs <paramref name="sql"/> and hands each row to <paramref name="row"/>.</summary>
    public static async Task ReadAsync(DbConnection connection, string sql, Action<DbDataReader> row, params (string Name, object Value)[] parameters)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                row(reader);
            }
        }
    }

    public static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        long value = 0;
        await ReadAsync(connection, sql, r => value = r.GetInt64(0));
        return value;
    }

    /// <summary>Storage keeps instants on SQLite as UTC ticks (so that they sort and compare as time does), on PostgreSQL as timestamptz.</summary>
    public static DateTimeOffset Instant(object value) => value switch
    {
        long utcTicks => new(utcTicks, TimeSpan.Zero),
        DateTime utc => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        _ => (DateTimeOffset)value,
    };

    /// <summary>A key stored as a uuid (PostgreSQL) or as text (SQLite).</summary>
    public static Guid Id(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) is Guid id ? id : Guid.Parse(reader.GetString(ordinal));
}
