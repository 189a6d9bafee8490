using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using DeliberationBot.Storage.Deliberations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeliberationBot.Storage;

/// <summary>
/// Creates a short-lived context for the configured provider; every store method uses its own. Writes go through
/// <see cref="WriteAsync{T}"/>, which gives each one its transaction.
/// </summary>
internal sealed class DbFactory : IDisposable
{
    private readonly IOptions<StorageOptions> _options;

    // Built on first use, so that a bad setting is reported by start-up validation rather than by whoever asks first.
    private readonly Lazy<Func<DeliberationsDbContext>> _create;

    // On SQLite, the open connections contexts borrow; closed when the service stops.
    private SqliteConnections? _sqliteConnections;

    public DbFactory(IOptions<StorageOptions> options, PostgresAccessTokens? tokens = null)
    {
        _options = options;
        _create = new(() => options.Value.Provider == StorageProvider.Postgres ? BuildPostgres(options.Value, tokens) : BuildSqlite(options.Value));
    }

    // SQLite has one writer at a time. Two connections that try at once make the driver retry the loser by putting its
    // thread to sleep (Thread.Sleep in BeginTransaction, seen in a profile under load), and a thread-pool thread asleep
    // is one fewer to serve requests. So this instance's writes take turns here, waiting without holding a thread;
    // readers are not affected (WAL). PostgreSQL writes run side by side.
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    // Every store call takes a context; pooled ones come with their services already resolved (a new context spent a
    // noticeable share of a request's CPU resolving them, by profile). Contexts beyond the pool are created and dropped.
    private const int ContextPoolSize = 64;

    public StorageProvider Provider => _options.Value.Provider;

    public CompiledQueries Queries { get; } = new();

    public RowStatements Rows { get; } = new();

    public DeliberationsDbContext Create() => _create.Value();

    /// <summary>Runs one write in its own transaction, committed when <paramref name="write"/> returns.</summary>
    public async Task<T> WriteAsync<T>(Func<DeliberationsDbContext, Task<T>> write, CancellationToken ct)
    {
        using var turn = await WriterTurnAsync(ct);
        await using var ctx = Create();
        await using var tx = await ctx.Database.BeginTransactionAsync(ct);
        var result = await write(ctx);
        await tx.CommitAsync(ct);
        return result;
    }

    public Task WriteAsync(Func<DeliberationsDbContext, Task> write, CancellationToken ct) =>
        WriteAsync(async ctx => { await write(ctx); return true; }, ct);

    /// <summary>The same for a caller that cannot wait asynchronously (Data Protection's key repository).</summary>
    public void Write(Action<DeliberationsDbContext> write)
    {
        using var turn = WriterTurn();
        using var ctx = Create();
        using var tx = ctx.Database.BeginTransaction();
        write(ctx);
        tx.Commit();
    }

    private async Task<IDisposable?> WriterTurnAsync(CancellationToken ct)
    {
        if (Provider != StorageProvider.Sqlite)
        {
            return null;
        }

        await _sqliteWriter.WaitAsync(ct);
        return new WriterTurnEnd(_sqliteWriter);
    }

    private IDisposable? WriterTurn()
    {
        if (Provider != StorageProvider.Sqlite)
        {
            return null;
        }

        _sqliteWriter.Wait();
        return new WriterTurnEnd(_sqliteWriter);
    }

    private sealed class WriterTurnEnd(SemaphoreSlim writer) : IDisposable
    {
        public void Dispose() => writer.Release();
    }

    public void Dispose() => _sqliteConnections?.Dispose();

    // On both providers a list in a query (`ids.Contains(x.Id)`) goes as one parameter, a JSON array on SQLite and an
    // array on PostgreSQL, rather than one parameter per item: the statement's text then does not depend on the list, so
    // EF builds its SQL once instead of on every call, and PostgreSQL can keep it prepared. Indexes are still used.
    //
    // Each provider in a method of its own, never inlined: the runtime loads the assemblies a method names when it
    // prepares that method, so a service on SQLite never maps Npgsql and its EF provider.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Func<DeliberationsDbContext> BuildPostgres(StorageOptions o, PostgresAccessTokens? tokens)
    {
        var source = new NpgsqlDataSourceBuilder(o.ConnectionString);
        ApplyServiceDefaults(source.ConnectionStringBuilder);
        if (o.PostgresAuthentication == PostgresAuthentication.ManagedIdentity)
        {
            (tokens ?? PostgresAccessTokens.ForManagedIdentity(o.ManagedIdentityClientId)).Apply(source);
        }

        // One data source for the life of the service: it owns the connection pool and the token refresh.
        var pg = new DbContextOptionsBuilder<PostgresDeliberationsDbContext>()
            .UseNpgsql(source.Build(), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations").UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .Options;
        return new PooledDbContextFactory<PostgresDeliberationsDbContext>(pg, ContextPoolSize).CreateDbContext;
    }

    // PostgreSQL shares the cores with the service, so it should not redo work for every statement. Each setting here
    // applies only where the operator's connection string does not set it.
    // - The service runs a few dozen statements over and over. Prepared on the server (per connection, once one has run a
    //   few times), they are no longer parsed and planned each time. Max Auto Prepare=0 turns this off, e.g. behind a
    //   pooler that cannot keep prepared statements.
    // - A pooled connection is reset by three statements whenever it is handed back, and every store call hands one
    //   back. The service never changes a session's settings, and a transaction left open is rolled back either way.
    // - A burst opens a connection for each request in flight, up to the pool's size (Npgsql's default is 100), and the
    //   server runs a process for each. On a server with a core or two those processes compete instead of adding
    //   throughput: a burst of 1,000 answers on this machine was acknowledged within 2.0 s with 8 or 16 connections, and
    //   took up to 4.3 s with 100 (results/load.md, sixteenth round). A small server also has few to give: Azure's
    //   Burstable B1ms, the deployment template's default, allows 35 connections.
    internal const int AutoPreparedStatements = 64;
    internal const int PooledConnections = 16;

    internal static void ApplyServiceDefaults(NpgsqlConnectionStringBuilder settings)
    {
        var written = KeywordsWritten(settings.ConnectionString);
        if (!written.Contains(KeywordOf(b => b.MaxAutoPrepare = 1)))
        {
            settings.MaxAutoPrepare = AutoPreparedStatements;
        }

        if (!written.Contains(KeywordOf(b => b.NoResetOnClose = true)))
        {
            settings.NoResetOnClose = true;
        }

        if (!written.Contains(KeywordOf(b => b.MaxPoolSize = 1)))
        {
            settings.MaxPoolSize = Math.Max(PooledConnections, settings.MinPoolSize);
        }
    }

    // The keywords the operator's string sets, each as Npgsql writes it (it also accepts synonyms, such as
    // "MaxPoolSize" for "Maximum Pool Size"). Npgsql's builder reports every keyword it knows as present, so each one
    // written is set alone on a builder of its own, which then writes only that one (none for an empty value).
    private static HashSet<string> KeywordsWritten(string connectionString)
    {
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return written.Keys.Cast<string>()
            .SelectMany(k => Keywords(new NpgsqlConnectionStringBuilder { [k] = written[k] }))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static string KeywordOf(Action<NpgsqlConnectionStringBuilder> set)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        set(builder);
        return Keywords(builder).Single();
    }

    private static IEnumerable<string> Keywords(NpgsqlConnectionStringBuilder settings) =>
        new DbConnectionStringBuilder { ConnectionString = settings.ConnectionString }.Keys.Cast<string>();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Func<DeliberationsDbContext> BuildSqlite(StorageOptions o)
    {
        var path = Path.GetFullPath(o.SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Connections are kept open and lent by SqliteConnections, not the driver's pool: closing one really closes it.
        var connection = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = false }.ToString();
        var sqlite = new DbContextOptionsBuilder<SqliteDeliberationsDbContext>()
            .UseSqlite(connection, s => s.MigrationsHistoryTable("__ef_migrations").UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .Options;
        var contexts = new PooledDbContextFactory<SqliteDeliberationsDbContext>(sqlite, ContextPoolSize);
        var connections = _sqliteConnections = new SqliteConnections(connection);
        return () =>
        {
            var context = contexts.CreateDbContext();
            try
            {
                return context.Borrowing(connections);
            }
            catch
            {
                context.Dispose();
                throw;
            }
        };
    }
}
