using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Storage;

/// <summary>Creates a short-lived context for the configured provider; every store method uses its own.</summary>
internal sealed class DbFactory(IOptions<StorageOptions> options)
{
    // Built on first use, so that a bad setting is reported by start-up validation rather than by whoever asks first.
    private readonly Lazy<Func<DeliberationsDbContext>> _create = new(() => Build(options.Value));

    public StorageProvider Provider => options.Value.Provider;

    public DeliberationsDbContext Create() => _create.Value();

    private static Func<DeliberationsDbContext> Build(StorageOptions o)
    {
        if (o.Provider == StorageProvider.Postgres)
        {
            var pg = new DbContextOptionsBuilder<PostgresDeliberationsDbContext>()
                .UseNpgsql(o.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations"))
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
