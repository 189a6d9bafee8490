namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>A fake Bot Framework, a fresh database and the started service per test (xunit makes one instance per test).</summary>
public abstract class HostTest : IAsyncLifetime
{
    internal FakeBotFramework Fake { get; private set; } = null!;

    internal TestDatabase Db { get; } = new();

    internal TeamsTestHost Host { get; private set; } = null!;

    internal string ServiceUrl => Fake.ServiceUrl;

    public virtual async Task InitializeAsync()
    {
        Fake = await FakeBotFramework.StartAsync();
        Host = await TeamsTestHost.StartAsync(Fake, Db, Configure);
    }

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
        Db.Dispose();
    }

    internal virtual void Configure(Dictionary<string, string?> settings)
    {
    }
}
