using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Storage;

/// <summary>Creates a short-lived context for the configured provider; every store method uses its own.</summary>
internal sealed class DbFactory
{
    private readonly Func<DeliberationsDbContext> _create;

    public DbFactory(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        Provider = o.Provider;
        if (o.Provider == StorageProvider.Postgres)
        {
            var pg = new DbContextOptionsBuilder<PostgresDeliberationsDbContext>()
                .UseNpgsql(o.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations"))
                .Options;
            _create = () => new PostgresDeliberationsDbContext(pg);
        }
        else
        {
            var path = Path.GetFullPath(o.SqlitePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var connection = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString();
            var sqlite = new DbContextOptionsBuilder<SqliteDeliberationsDbContext>()
                .UseSqlite(connection, s => s.MigrationsHistoryTable("__ef_migrations"))
                .Options;
            _create = () => new SqliteDeliberationsDbContext(sqlite);
        }
    }

    public StorageProvider Provider { get; }

    public DeliberationsDbContext Create() => _create();
}
