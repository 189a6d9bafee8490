using System.Data.Common;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DeliberationBot.Storage.Deliberations;

/// <summary>
/// The rows one commit writes, in the order they were added, sent in the commit's transaction: as one batch where the
/// provider takes one (PostgreSQL: one round trip), else one prepared statement after another (SQLite, in process).
/// </summary>
internal sealed class RowWrites(DeliberationsDbContext ctx, RowStatements statements)
{
    private readonly List<(RowStatement Statement, object Row)> _rows = [];

    public void Add<TRow>(RowWrite write, TRow row)
        where TRow : class =>
        _rows.Add((statements.For<TRow>(ctx, write), row));

    /// <summary>
    /// Writes every row added. A statement the database refuses (a key already there) fails the commit as EF Core's
    /// SaveChanges would, with a <see cref="DbUpdateException"/>; the caller's transaction is left to be undone.
    /// </summary>
    public async Task WriteAsync(CancellationToken ct)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        // Run on the connection, not through EF Core, so its instrumentation does not see them: a span of their own.
        using var span = BotTelemetry.Source.StartActivity("commit rows");
        span?.SetTag("deliberationbot.rows.count", _rows.Count);
        var connection = ctx.Database.GetDbConnection();
        var transaction = ctx.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A commit's rows are written in its transaction.");
        int[] changed;
        try
        {
            changed = connection.CanCreateBatch
                ? await WriteAsBatchAsync(connection, transaction, ct)
                : await WriteOneByOneAsync(connection, transaction, ct);
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"A commit's row was refused: {e.Message}", e);
        }

        for (var i = 0; i < _rows.Count; i++)
        {
            if (changed[i] == 0 && _rows[i].Statement.OwnRowSql is not null && await IsOwnRowAsync(connection, transaction, _rows[i].Statement, _rows[i].Row, ct))
            {
                // Writing it again cannot help: the turn is worked out from the record as it now is.
                throw new StaleTurnException($"A row of {_rows[i].Statement.Table} was written by another turn since this one read it.");
            }

            if (_rows[i].Statement.ChangesOneRow && changed[i] != 1)
            {
                throw new InvalidOperationException(
                    $"A commit's row in {_rows[i].Statement.Table} changed {changed[i]} rows; a row with its key belongs to another workspace.");
            }
        }
    }

    private static async Task<bool> IsOwnRowAsync(DbConnection connection, DbTransaction transaction, RowStatement statement, object row, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = statement.OwnRowSql;
        statement.BindOwnRow(command.Parameters, command, row);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private async Task<int[]> WriteAsBatchAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var batch = connection.CreateBatch();
        await using var factory = connection.CreateCommand();
        batch.Transaction = transaction;
        foreach (var (statement, row) in _rows)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            statement.Bind(command.Parameters, factory, row);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct);
        return batch.BatchCommands.Select(c => c.RecordsAffected).ToArray();
    }

    private async Task<int[]> WriteOneByOneAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var changed = new int[_rows.Count];
        for (var i = 0; i < _rows.Count; i++)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = _rows[i].Statement.Sql;
            _rows[i].Statement.Bind(command.Parameters, command, _rows[i].Row);
            changed[i] = await command.ExecuteNonQueryAsync(ct);
        }

        return changed;
    }
}
