using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>A fake Slack API and the started service per test (xunit makes one instance per test), both disposed after it.</summary>
public abstract class SlackHostTest : IAsyncLifetime
{
    internal FakeSlackApi Api { get; private set; } = null!;

    internal SlackTestHost Host { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Api = await FakeSlackApi.StartAsync();
        Host = await SlackTestHost.StartAsync(Api, Configure, ConfigureServices);
    }

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Api.DisposeAsync();
    }

    internal virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    internal virtual void ConfigureServices(IServiceCollection services)
    {
    }
}
