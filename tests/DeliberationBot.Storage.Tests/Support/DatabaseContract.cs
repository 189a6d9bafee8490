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

    protected void SkipIfUnavailable()
    {
        if (Database is PostgresTestDatabase)
        {
            PostgresServer.SkipUnlessConfigured();
        }
    }
}
