using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DeliberationBot.Storage.Tests.Schema;

/// <summary>
/// A SQLite connection keeps each statement it ran prepared for the next command with the same SQL
/// (<see cref="StatementCachingConnection"/>), and a command that takes a kept statement behaves as a new one would.
/// </summary>
public sealed class StatementCachingConnectionTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"statements-{Guid.NewGuid():N}.db");
    private readonly StatementCachingConnection _connection;

    public StatementCachingConnectionTests()
    {
        _connection = new StatementCachingConnection($"Data Source={_path};Pooling=False");
        _connection.Open();
        _connection.Handle!.enable_sqlite3_next_stmt(true); // to list the statements the connection holds
        Run("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    }

    public void Dispose()
    {
        _connection.Dispose();
        File.Delete(_path);
    }

    [Fact]
    public void The_same_sql_is_prepared_once_and_binds_each_commands_own_values()
    {
        const string sql = "SELECT $x + 1";

        Assert.Equal(2L, Scalar(sql, ("$x", 1)));
        Assert.Equal(11L, Scalar(sql, ("$x", 10)));

        Assert.Equal(1, PreparedWith(sql)); // kept between the two commands, and only one
    }

    [Fact]
    public void A_query_run_again_reads_from_the_statement_prepared_the_first_time()
    {
        Run("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        const string sql = "SELECT name FROM t WHERE id = $id";

        var first = StatementOfReader(sql, ("$id", 1), "a");
        var second = StatementOfReader(sql, ("$id", 2), "b");

        Assert.Same(first, second); // not prepared anew
    }

    [Fact]
    public void A_statement_used_again_stays_prepared_after_more_statements_than_are_kept_ran_once()
    {
        // A new database's migrations run far more statements than are kept, once each, on a connection that then
        // serves requests like any other.
        Run("INSERT INTO t VALUES (1, 'a')");
        const string sql = "SELECT name FROM t WHERE id = $id";
        for (var i = 0; i < StatementCachingConnection.MaxStatements * 2; i++)
        {
            Scalar($"SELECT {i}");
        }

        var first = StatementOfReader(sql, ("$id", 1), "a");
        for (var i = 0; i < StatementCachingConnection.MaxStatements - 1; i++)
        {
            Scalar($"SELECT 'after {i}'");
        }

        Assert.Same(first, StatementOfReader(sql, ("$id", 1), "a"));
    }

    [Fact]
    public void Two_readers_of_the_same_sql_open_at_once_each_get_their_rows()
    {
        Run("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        const string sql = "SELECT name FROM t WHERE id = $id";
        using var first = Command(sql, ("$id", 1));
        using var firstRows = first.ExecuteReader();
        Assert.True(firstRows.Read());

        using (var second = Command(sql, ("$id", 2)))
        using (var secondRows = second.ExecuteReader())
        {
            Assert.True(secondRows.Read());
            Assert.Equal("b", secondRows.GetString(0));
        }

        Assert.Equal("a", firstRows.GetString(0));
    }

    [Fact]
    public void A_command_that_failed_is_not_kept_and_the_sql_runs_again()
    {
        const string sql = "INSERT INTO t VALUES ($id, 'x')";
        Run(sql, ("$id", 7));

        Assert.Throws<SqliteException>(() => Run(sql, ("$id", 7))); // the same key twice
        Run(sql, ("$id", 8));

        Assert.Equal(2L, Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_kept_statement_runs_inside_a_transaction_and_outside_one_again()
    {
        const string sql = "INSERT INTO t VALUES ($id, 'x')";
        using (var transaction = _connection.BeginTransaction())
        {
            Run(sql, ("$id", 1), transaction);
            transaction.Rollback();
        }

        Run(sql, ("$id", 2));

        Assert.Equal(2L, Scalar("SELECT max(id) FROM t"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public void At_most_a_bounded_number_of_statements_is_kept()
    {
        for (var i = 0; i < StatementCachingConnection.MaxStatements + 20; i++)
        {
            Scalar($"SELECT {i}");
        }

        Assert.InRange(PreparedCount(), 1, StatementCachingConnection.MaxStatements + 1); // + the one counting them, when kept
    }

    private DbCommand Command(string sql, (string Name, object Value)? parameter = null, DbTransaction? transaction = null)
    {
        DbConnection connection = _connection; // as EF Core creates its commands
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        if (parameter is var (name, value))
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        return command;
    }

    private void Run(string sql, (string, object)? parameter = null, DbTransaction? transaction = null)
    {
        using var command = Command(sql, parameter, transaction);
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, (string, object)? parameter = null)
    {
        using var command = Command(sql, parameter);
        return command.ExecuteScalar();
    }

    /// <summary>Reads a single row as EF Core does and returns the statement handle the reader stepped.</summary>
    private sqlite3_stmt StatementOfReader(string sql, (string, object) parameter, string expected)
    {
        using var command = Command(sql, parameter);
        using var reader = (SqliteDataReader)command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(expected, reader.GetString(0));
        return reader.Handle!;
    }

    private int PreparedWith(string sql) => Prepared().Count(s => s == sql);

    private int PreparedCount() => Prepared().Count;

    private List<string> Prepared()
    {
        var sqls = new List<string>();
        for (var stmt = raw.sqlite3_next_stmt(_connection.Handle, null); stmt is not null && !stmt.IsInvalid; stmt = raw.sqlite3_next_stmt(_connection.Handle, stmt))
        {
            sqls.Add(raw.sqlite3_sql(stmt).utf8_to_string());
        }

        return sqls;
    }
}
