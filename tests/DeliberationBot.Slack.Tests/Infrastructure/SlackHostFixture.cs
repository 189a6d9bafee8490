namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>One fake Slack API and one running service shared by a class whose tests change nothing (refusals, the edge).</summary>
public sealed class SlackHostFixture : IAsyncLifetime
{
    internal FakeSlackApi Api { get; private set; } = null!;

    internal SlackTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = await FakeSlackApi.StartAsync();
        Host = await SlackTestHost.StartAsync(Api);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Api.DisposeAsync();
    }
}
