using System.Data.Common;
using System.Diagnostics;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Storage.Tests.Schema;

/// <summary>
/// Start-up migrates a database that is behind, and leaves one that is up to date alone: EF's Migrate on a current
/// schema still diffs the model against the migrations' snapshot and takes the migration lock, on every start.
/// </summary>
public abstract class SchemaPreparationContract(TestDatabase db) : DatabaseContract
{
    protected override TestDatabase Database => db;

    [SkippableFact]
    public async Task A_new_database_is_migrated_and_an_up_to_date_one_is_not_migrated_again()
    {
        SkipIfUnavailable();
        using var migrations = new MigrationRuns();

        string database;
        await using (var services = await db.StartServicesAsync())
        {
            database = await DatabaseOfAsync(services);
            Assert.True(await services.GetRequiredService<DatabaseSchema>().IsReadyAsync(CancellationToken.None));
        }

        Assert.Equal(1, migrations.Of(database));

        await using (var restarted = await db.StartServicesAsync())
        {
            Assert.True(await restarted.GetRequiredService<DatabaseSchema>().IsReadyAsync(CancellationToken.None));
        }

        Assert.Equal(1, migrations.Of(database));
    }

    [SkippableFact]
    public async Task A_database_one_migration_behind_is_brought_up_to_date_at_start()
    {
        SkipIfUnavailable();
        using var migrations = new MigrationRuns();
        string database;
        int runsBehind;
        await using (var services = await db.StartServicesAsync())
        {
            database = await DatabaseOfAsync(services);
            await using var ctx = services.GetRequiredService<DbFactory>().Create();
            var all = ctx.Database.GetMigrations().ToList();
            await ctx.GetService<IMigrator>().MigrateAsync(all[^2]);
            Assert.Equal(new[] { all[^1] }, await ctx.Database.GetPendingMigrationsAsync());
            Assert.False(await services.GetRequiredService<DatabaseSchema>().IsReadyAsync(CancellationToken.None));
            runsBehind = migrations.Of(database);
        }

        await using (var restarted = await db.StartServicesAsync())
        {
            await using var ctx = restarted.GetRequiredService<DbFactory>().Create();
            Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
            Assert.True(await restarted.GetRequiredService<DatabaseSchema>().IsReadyAsync(CancellationToken.None));
        }

        Assert.Equal(runsBehind + 1, migrations.Of(database));
    }

    private static async Task<string> DatabaseOfAsync(ServiceProvider services)
    {
        await using var ctx = services.GetRequiredService<DbFactory>().Create();
        return NameOf(ctx.Database.GetDbConnection());
    }

    private static string NameOf(DbConnection connection) =>
        string.IsNullOrEmpty(connection.DataSource) || !connection.DataSource.EndsWith(".db", StringComparison.Ordinal) ? connection.Database : connection.DataSource;

    /// <summary>
    /// Counts EF's "migrating" events per database, from its diagnostic events (other tests run alongside in this
    /// process, each on a database of its own).
    /// </summary>
    private sealed class MigrationRuns : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private readonly Dictionary<string, int> _runs = [];

        public MigrationRuns() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public int Of(string database)
        {
            lock (_runs)
            {
                return _runs.GetValueOrDefault(database);
            }
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.MigrateUsingConnection.Name));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is MigratorConnectionEventData data)
            {
                lock (_runs)
                {
                    var name = NameOf(data.Connection);
                    _runs[name] = _runs.GetValueOrDefault(name) + 1;
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}

public sealed class SqliteSchemaPreparationTests() : SchemaPreparationContract(new SqliteTestDatabase());

public sealed class PostgresSchemaPreparationTests() : SchemaPreparationContract(new PostgresTestDatabase());
