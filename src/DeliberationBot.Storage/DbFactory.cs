using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeliberationBot.Storage;

/// <summary>Creates a short-lived context for the configured provider; every store method uses its own.</summary>
internal sealed class DbFactory(IOptions<StorageOptions> options, PostgresAccessTokens? tokens = null)
{
    // Built on first use, so that a bad setting is reported by start-up validation rather than by whoever asks first.
    private readonly Lazy<Func<DeliberationsDbContext>> _create = new(() => Build(options.Value, tokens));

    public StorageProvider Provider => options.Value.Provider;

    public DeliberationsDbContext Create() => _create.Value();

    private static Func<DeliberationsDbContext> Build(StorageOptions o, PostgresAccessTokens? tokens)
    {
        if (o.Provider == StorageProvider.Postgres)
        {
            var source = new NpgsqlDataSourceBuilder(o.ConnectionString);
            if (o.PostgresAuthentication == PostgresAuthentication.ManagedIdentity)
            {
                (tokens ?? PostgresAccessTokens.ForManagedIdentity(o.ManagedIdentityClientId)).Apply(source);
            }

            // One data source for the life of the service: it owns the connection pool and the token refresh.
            var pg = new DbContextOptionsBuilder<PostgresDeliberationsDbContext>()
                .UseNpgsql(source.Build(), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations"))
                .Options;
            return () => new PostgresDeliberationsDbContext(pg);
        }

        var path = Path.GetFullPath(o.SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString();
        var sqlite = new DbContextOptionsBuilder<SqliteDeliberationsDbContext>()
            .UseSqlite(connection, s => s.MigrationsHistoryTable("__ef_migrations"))
            .Options;
        return () => new SqliteDeliberationsDbContext(sqlite);
    }
}
