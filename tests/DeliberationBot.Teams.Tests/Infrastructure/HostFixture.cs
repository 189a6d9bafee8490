namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>A fake Bot Framework and a started host per test class instance (xunit makes one per test).</summary>
public abstract class HostTest : IAsyncLifetime
{
    internal FakeBotFramework Fake { get; private set; } = null!;

    internal TeamsTestHost Host { get; private set; } = null!;

    internal string ServiceUrl => Fake.ServiceUrl;

    public virtual async Task InitializeAsync()
    {
        Fake = await FakeBotFramework.StartAsync();
        Host = await TeamsTestHost.StartAsync(Fake, Configure);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
    }

    internal virtual void Configure(Dictionary<string, string?> settings)
    {
    }
}
