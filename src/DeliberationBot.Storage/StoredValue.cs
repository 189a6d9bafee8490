using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DeliberationBot.Storage;

/// <summary>Values for statements run on the connection rather than through EF Core's queries.</summary>
internal static class StoredValue
{
    /// <summary>A parameter with its value converted as the model stores the column (a key as SQLite's text, say).</summary>
    public static DbParameter Parameter(IEntityType row, string property, DbCommand command, string name, object? value)
    {
        var column = row.FindProperty(property)!;
        return column.GetRelationalTypeMapping().CreateParameter(command, name, value, column.IsNullable);
    }
}
