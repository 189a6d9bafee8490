using Microsoft.Data.Sqlite;

namespace DeliberationBot.Host.Tests.Support;

/// <summary>Every text value in every table of the service's SQLite file, for checks that something appears nowhere.</summary>
public static class DatabaseText
{
    public static IReadOnlyList<(string Table, string Column, string Value)> All(string folder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "bot.db")}");
        connection.Open();
        var tables = new List<string>();
        using (var list = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table'", connection))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var values = new List<(string, string, string)>();
        foreach (var table in tables)
        {
            using var select = new SqliteCommand($"SELECT * FROM \"{table}\"", connection);
            using var rows = select.ExecuteReader();
            while (rows.Read())
            {
                for (var i = 0; i < rows.FieldCount; i++)
                {
                    if (rows.GetValue(i) is string value)
                    {
                        values.Add((table, rows.GetName(i), value));
                    }
                }
            }
        }

        return values;
    }
}
