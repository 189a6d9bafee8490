using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DeliberationBot.Storage;

// Used only by `dotnet ef migrations add` to build each provider's migration set.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDeliberationsDbContext>
{
    public SqliteDeliberationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDeliberationsDbContext>().UseSqlite("Data Source=design.db", s => s.MigrationsHistoryTable("__ef_migrations")).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDeliberationsDbContext>
{
    public PostgresDeliberationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDeliberationsDbContext>().UseNpgsql("Host=localhost;Database=design", n => n.MigrationsHistoryTable("__ef_migrations")).Options);
}
