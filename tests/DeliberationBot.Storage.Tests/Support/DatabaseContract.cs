using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DeliberationBot.Storage.Tests.Support;

/// <summary>
/// Tests that every store must pass on SQLite and on PostgreSQL: each concrete class runs them on one fresh database.
/// PostgreSQL's are skipped where no server is configured.
/// </summary>
public abstract class DatabaseContract : IAsyncLifetime
{
    protected abstract TestDatabase Database { get; }

    public Task InitializeAsync() => Database.InitializeAsync();

    public Task DisposeAsync() => Database.DisposeAsync();

    /// <summary>Takes the schema back to just before the migration named, as a database not yet upgraded has it.</summary>
    private protected static async Task MigrateToJustBeforeAsync(DeliberationsDbContext ctx, string migration)
    {
        var migrations = ctx.Database.GetMigrations().ToList();
        await ctx.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_" + migration, StringComparison.Ordinal)) - 1]);
    }

    protected void SkipIfUnavailable()
    {
        if (Database is PostgresTestDatabase)
        {
            PostgresServer.SkipUnlessConfigured();
        }
    }
}
