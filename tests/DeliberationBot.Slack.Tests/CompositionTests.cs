using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Slack.Tests;

public sealed class CompositionTests
{
    [Fact]
    public async Task Every_Slack_registration_resolves_and_the_sender_is_one_of_possibly_many()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "s", ["Slack:BotToken"] = "xoxb-1", ["Slack:AppToken"] = "xapp-1", ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api",
        };
        var time = new FakeTimeProvider();
        ServiceDescriptor[] slack = [];
        await using var app = SlackTestHost.Build(settings, time, new InMemoryStore(time), new ListLoggerProvider(), builder =>
        {
            builder.Services.AddSingleton<IChannelSender, OtherSender>();
            slack = [.. builder.Services.Where(d => (d.ImplementationType ?? d.ServiceType).Assembly == typeof(SlackOptions).Assembly || d.ServiceType.Assembly == typeof(SlackOptions).Assembly)];
        });

        Assert.NotEmpty(slack);
        foreach (var descriptor in slack.Where(d => !d.ServiceType.IsGenericTypeDefinition))
        {
            Assert.NotEmpty(app.Services.GetServices(descriptor.ServiceType));
        }

        Assert.Equal(["other", "slack"], app.Services.GetServices<IChannelSender>().Select(s => s.Channel).Order());
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s.GetType().Name == "SocketModeService");
        Assert.Equal(new Uri("http://127.0.0.1:9/api/"), app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SlackOptions>>().Value.ApiBaseUri);
    }

    private sealed class OtherSender : IChannelSender
    {
        public string Channel => "other";

        public Task<SendResult> SendAsync(OutboxItem item, CancellationToken ct) => Task.FromResult(SendResult.Delivered());
    }
}
