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

    /// <summary>
    /// The row as the commit has it, inserted, or replacing the one with its key only while that is still the version its
    /// turn read (the row's Version is the next one): a record two turns read and changed at once keeps both changes, the
    /// second turn being worked out again (<see cref="Core.Deliberations.StaleTurnException"/>) instead of writing over the first.
    /// </summary>
    UpsertOverRead,
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

    private readonly Column[] _keyAndWorkspace;

    private RowStatement(string table, string sql, Column[] columns, bool changesOneRow, string? ownRowSql, Column[] keyAndWorkspace)
    {
        Table = table;
        Sql = sql;
        _columns = columns;
        ChangesOneRow = changesOneRow;
        OwnRowSql = ownRowSql;
        _keyAndWorkspace = keyAndWorkspace;
    }

    public string Table { get; }

    public string Sql { get; }

    /// <summary>
    /// Whether the statement must change exactly one row. An upsert changes none when the row with its key belongs to
    /// another workspace: a commit may only touch its own, and anything else is a bug, not a user error.
    /// </summary>
    public bool ChangesOneRow { get; }

    /// <summary>
    /// For <see cref="RowWrite.UpsertOverRead"/>: counts the rows with the row's key in the row's workspace. One there that
    /// the write left unchanged was written by another turn since this one read it; none, it is another workspace's.
    /// </summary>
    public string? OwnRowSql { get; }

    /// <summary>Adds the parameters <see cref="OwnRowSql"/> takes from <paramref name="row"/>.</summary>
    public void BindOwnRow(DbParameterCollection parameters, DbCommand factory, object row) => Bind(_keyAndWorkspace, parameters, factory, row);

    /// <summary>Adds <paramref name="row"/>'s values, converted for the store, as parameters made by <paramref name="factory"/>.</summary>
    public void Bind(DbParameterCollection parameters, DbCommand factory, object row) => Bind(_columns, parameters, factory, row);

    private static void Bind(Column[] columns, DbParameterCollection parameters, DbCommand factory, object row)
    {
        foreach (var column in columns)
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
        if (write is RowWrite.Upsert or RowWrite.UpsertOverRead)
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

                if (write == RowWrite.UpsertOverRead)
                {
                    var version = sql.DelimitIdentifier((row.FindProperty("Version") ?? throw new InvalidOperationException($"{table} has no Version to write over.")).GetColumnName());
                    text.Append(guarded ? " AND " : " WHERE ").Append(sql.DelimitIdentifier(table)).Append('.').Append(version).Append(" = excluded.").Append(version).Append(" - 1");
                    guarded = true;
                }
            }
        }

        string? ownRow = null;
        Column[] keyAndWorkspace = [];
        if (write == RowWrite.UpsertOverRead)
        {
            // The same parameters as the write's, by name: only the key's and the workspace's are bound.
            var identifying = written.Select((p, i) => (Property: p, Index: i)).Where(x => x.Property.IsPrimaryKey() || x.Property.Name == "WorkspaceId").ToList();
            ownRow = $"SELECT COUNT(*) FROM {sql.DelimitIdentifier(table, row.GetSchema())} WHERE " +
                string.Join(" AND ", identifying.Select(x => $"{sql.DelimitIdentifier(x.Property.GetColumnName())} = {sql.GenerateParameterNamePlaceholder("p" + x.Index)}"));
            keyAndWorkspace = [.. identifying.Select(x => columns[x.Index])];
        }

        return new RowStatement(table, text.ToString(), columns, changesOneRow: write == RowWrite.Insert || guarded, ownRow, keyAndWorkspace);
    }

    private sealed record Column(string Parameter, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable);
}
