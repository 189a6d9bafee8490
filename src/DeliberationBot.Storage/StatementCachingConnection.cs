using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace DeliberationBot.Storage;

/// <summary>
/// A SQLite connection that keeps its statements prepared between commands. Microsoft.Data.Sqlite compiles a command's
/// SQL anew for every command object, and EF Core creates one per query, so every read and write paid for parsing and
/// planning its SQL again: 24–32 % of a <c>status</c> command's CPU was <c>sqlite3_prepare_v2</c> in a profile
/// (tests/DeliberationBot.Benchmarks/results/load.md, tenth round). The service repeats a few dozen statements, so each
/// connection keeps an idle prepared command per SQL text (at most <see cref="MaxStatements"/>) and lends it to the next
/// command with the same text. A connection is used by one context at a time (<see cref="SqliteConnections"/>), so
/// nothing here is shared between threads.
/// </summary>
internal sealed class StatementCachingConnection(string connectionString) : SqliteConnection(connectionString)
{
    /// <summary>Prepared statements kept per connection; SQLite's own memory for them is why this is bounded.</summary>
    public const int MaxStatements = 64;

    // Idle prepared commands by SQL, and their SQL from the most recently used to the least: when the bound is
    // reached the least recently used goes, so statements run once (a migration's, at start) give way to the ones
    // the service repeats instead of keeping them out.
    private readonly Dictionary<string, LinkedListNode<SqliteCommand>> _idle = new(StringComparer.Ordinal);
    private readonly LinkedList<SqliteCommand> _recency = new();

    protected override DbCommand CreateDbCommand() => new LentStatementCommand(this);

    /// <summary>A prepared command for this SQL if one is idle, else a new one (prepared when it first runs).</summary>
    internal SqliteCommand Take(string sql)
    {
        if (_idle.Remove(sql, out var idle))
        {
            _recency.Remove(idle);
            return idle.Value;
        }

        var command = CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Keeps a command for its SQL's next use, unless one is already kept; past the bound, the least recently used
    /// kept command is closed.
    /// </summary>
    internal void Return(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        if (State != ConnectionState.Open || _idle.ContainsKey(command.CommandText))
        {
            command.Dispose();
            return;
        }

        _idle.Add(command.CommandText, _recency.AddFirst(command));
        if (_idle.Count > MaxStatements)
        {
            var leastRecent = _recency.Last!;
            _recency.RemoveLast();
            _idle.Remove(leastRecent.Value.CommandText);
            leastRecent.Value.Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var command in _recency)
            {
                command.Dispose();
            }

            _recency.Clear();
            _idle.Clear();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// The command EF Core sees. Its parameters are its own until it runs; then it takes the connection's prepared
    /// command for its SQL, binds them there and runs it, and gives every command it took back when it is disposed
    /// (after EF has closed the reader).
    /// </summary>
    private sealed class LentStatementCommand(StatementCachingConnection connection) : DbCommand
    {
        private readonly SqliteCommand _parameters = new();
        private readonly List<SqliteCommand> _taken = [];
        private string _commandText = "";

        [AllowNull]
        public override string CommandText
        {
            get => _commandText;
            set => _commandText = value ?? "";
        }

        public override int CommandTimeout { get; set; } = 30;

        public override CommandType CommandType { get; set; } = CommandType.Text;

        public override UpdateRowSource UpdatedRowSource { get; set; }

        public override bool DesignTimeVisible { get; set; }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set
            {
                if (!ReferenceEquals(value, connection))
                {
                    throw new NotSupportedException("A command of a statement-caching connection stays on that connection.");
                }
            }
        }

        protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override void Prepare()
        {
        }

        public override int ExecuteNonQuery() => Run(command => command.ExecuteNonQuery(), keep: false);

        public override object? ExecuteScalar() => Run(command => command.ExecuteScalar(), keep: false);

        // The reader keeps using the command until EF disposes it; this command is disposed right after.
        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Run(command => command.ExecuteReader(behavior), keep: true);

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var command in _taken)
                {
                    connection.Return(command);
                }

                _taken.Clear();
                _parameters.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>
        /// Runs this command's SQL on a prepared command of the connection. It goes back at once, or with
        /// <paramref name="keep"/> when this command is disposed; one that failed is dropped rather than kept.
        /// </summary>
        private T Run<T>(Func<SqliteCommand, T> run, bool keep)
        {
            var command = connection.Take(_commandText);
            command.CommandType = CommandType;
            command.CommandTimeout = CommandTimeout;
            command.Transaction = (SqliteTransaction?)DbTransaction;
            foreach (SqliteParameter parameter in _parameters.Parameters)
            {
                command.Parameters.Add(parameter);
            }

            T result;
            try
            {
                result = run(command);
            }
            catch
            {
                command.Dispose();
                throw;
            }

            if (keep)
            {
                _taken.Add(command);
            }
            else
            {
                connection.Return(command);
            }

            return result;
        }
    }
}
