using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DeliberationBot.Storage.Deliberations;

/// <summary>How a commit writes a row.</summary>
internal enum RowWrite
{
    /// <summary>A new row; one with its key already there is an error (a retried delivery, a concern's number taken).</summary>
    Insert,

    /// <summary>A row that may already be there, the same (a flow's snapshot): then nothing is written.</summary>
    InsertIfAbsent,

    /// <summary>The row as the commit has it, inserted or replacing the one with its key.</summary>
    Upsert,
}

/// <summary>
/// The statement that writes a row of one table one way, made once from the model (one per <see cref="DbFactory"/>,
/// so per provider): every column, in the model's order, its value converted as the model converts it. Not EF Core's
/// change tracker: it needs each row to update read inside the write, then writes an UPDATE whose text depends on which
/// columns changed, and under load on SQLite that held the one writer 0.6–0.9 ms per turn. A fixed upsert needs no
/// read, and its text never changes, so each connection keeps it prepared (results/load.md, nineteenth round).
/// </summary>
internal sealed class RowStatements
{
    private readonly ConcurrentDictionary<(Type Row, RowWrite Write), RowStatement> _made = new();

    public RowStatement For<TRow>(DeliberationsDbContext ctx, RowWrite write) =>
        _made.GetOrAdd((typeof(TRow), write), static (key, ctx) => RowStatement.Make(ctx, ctx.Model.FindEntityType(key.Row)!, key.Write), ctx);
}

internal sealed class RowStatement
{
    private readonly Column[] _columns;

    private RowStatement(string table, string sql, Column[] columns, bool changesOneRow)
    {
        Table = table;
        Sql = sql;
        _columns = columns;
        ChangesOneRow = changesOneRow;
    }

    public string Table { get; }

    public string Sql { get; }

    /// <summary>
    /// Whether the statement must change exactly one row. An upsert changes none when the row with its key belongs to
    /// another workspace: a commit may only touch its own, and anything else is a bug, not a user error.
    /// </summary>
    public bool ChangesOneRow { get; }

    /// <summary>Adds <paramref name="row"/>'s values, converted for the store, as parameters made by <paramref name="factory"/>.</summary>
    public void Bind(DbParameterCollection parameters, DbCommand factory, object row)
    {
        foreach (var column in _columns)
        {
            parameters.Add(column.Mapping.CreateParameter(factory, column.Parameter, column.Getter.GetClrValueUsingContainingEntity(row), column.Nullable));
        }
    }

    public static RowStatement Make(DeliberationsDbContext ctx, IEntityType row, RowWrite write)
    {
        var sql = ctx.GetService<ISqlGenerationHelper>();
        var table = row.GetTableName()!;
        var key = row.FindPrimaryKey()!.Properties;

        // A key the database numbers itself (an event's) is left to it.
        var written = row.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(int) || p.ClrType == typeof(long))))
            .ToList();
        var columns = written
            .Select((p, i) => new Column(sql.GenerateParameterName("p" + i), p.GetRelationalTypeMapping(), p.GetGetter(), p.IsNullable))
            .ToArray();

        var text = new StringBuilder()
            .Append("INSERT INTO ").Append(sql.DelimitIdentifier(table, row.GetSchema()))
            .Append(" (").AppendJoin(", ", written.Select(p => sql.DelimitIdentifier(p.GetColumnName()))).Append(") VALUES (")
            .AppendJoin(", ", written.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i))).Append(')');
        if (write == RowWrite.InsertIfAbsent)
        {
            text.Append(" ON CONFLICT DO NOTHING");
        }

        var guarded = false;
        if (write == RowWrite.Upsert)
        {
            text.Append(" ON CONFLICT (").AppendJoin(", ", key.Select(p => sql.DelimitIdentifier(p.GetColumnName()))).Append(')');
            var others = written.Where(p => !p.IsPrimaryKey()).ToList();
            if (others.Count == 0)
            {
                text.Append(" DO NOTHING");
            }
            else
            {
                text.Append(" DO UPDATE SET ").AppendJoin(", ", others.Select(p => $"{sql.DelimitIdentifier(p.GetColumnName())} = excluded.{sql.DelimitIdentifier(p.GetColumnName())}"));
                if (row.FindProperty("WorkspaceId") is { } workspace && !workspace.IsPrimaryKey())
                {
                    var column = sql.DelimitIdentifier(workspace.GetColumnName());
                    text.Append(" WHERE ").Append(sql.DelimitIdentifier(table)).Append('.').Append(column).Append(" = excluded.").Append(column);
                    guarded = true;
                }
            }
        }

        return new RowStatement(table, text.ToString(), columns, changesOneRow: write == RowWrite.Insert || guarded);
    }

    private sealed record Column(string Parameter, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable);
}
