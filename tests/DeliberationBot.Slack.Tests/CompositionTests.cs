using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Interactivity;
using DeliberationBot.Slack.Rendering;
using DeliberationBot.Slack.Tests.Infrastructure;
using DeliberationBot.Slack.Tests.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Slack.Tests;

public sealed class CompositionTests
{
    [Fact]
    public async Task Every_Slack_registration_resolves_and_the_sender_is_one_of_possibly_many()
    {
        await using var api = await FakeSlackApi.StartAsync();
        await using var host = await SlackTestHost.StartAsync(
            api,
            s =>
            {
                s["Slack:AppToken"] = "xapp-1";
                s["Slack:ClientId"] = "123.456";
                s["Slack:ClientSecret"] = "client-secret";
                s["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api";
            },
            services => services.AddSingleton<IChannelSender, OtherSender>());
        var slack = host.Factory.Registrations
            .Where(d => !d.ServiceType.IsGenericTypeDefinition)
            .Where(d => (d.ImplementationType ?? d.ServiceType).Assembly == typeof(SlackOptions).Assembly || d.ServiceType.Assembly == typeof(SlackOptions).Assembly)
            .ToList();

        Assert.NotEmpty(slack);
        foreach (var descriptor in slack)
        {
            Assert.NotEmpty(host.Services.GetServices(descriptor.ServiceType).OfType<object>());
        }

        var senders = host.Services.GetServices<IChannelSender>().Select(s => s.Channel).ToList();
        Assert.Contains("other", senders);
        Assert.Single(senders, c => c == "slack");
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s.GetType().Name == "SocketModeService");
        Assert.Equal(new Uri("http://127.0.0.1:9/api/"), host.Services.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUri());
    }

    [Fact]
    public async Task Every_action_id_and_modal_callback_the_renderers_emit_has_a_registered_handler()
    {
        await using var api = await FakeSlackApi.StartAsync();
        await using var host = await SlackTestHost.StartAsync(api);
        var actions = host.Services.GetRequiredService<ActionRouter>().ActionIds;
        var callbacks = host.Services.GetRequiredService<ViewSubmissionHandler>().Callbacks;
        List<JsonObject> rendered = [.. Samples.All("T").SelectMany(m => MessageRenderer.RenderPages(m).Select(p => p.ToPayload()).Append(ModalRenderer.Render(m, "C1")))];
        rendered.AddRange(Enum.GetValues<ConcernAction>().Where(SlackIds.AsksForWords).Select(a => ConcernModals.Text(a, new WordsForm(Samples.Concern("Nobody asked the night shift.", 1, ConcernStatus.Open, []), null))));
        rendered.Add(ConcernModals.Decision(Guid.NewGuid(), "T", DecisionRequest.WhoReads(publicPage: true)));

        var emitted = rendered.SelectMany(r => ActionIds(r)).Where(id => id != SlackIds.Value).ToHashSet();
        Assert.Equal(actions.Order(StringComparer.Ordinal), emitted.Order(StringComparer.Ordinal));
        var submitted = rendered.Where(r => r["submit"] is not null).Select(r => r["callback_id"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(callbacks.Order(StringComparer.Ordinal), submitted.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> ActionIds(JsonNode? node) => node switch
    {
        JsonObject o => (o["action_id"] is JsonValue v ? [v.GetValue<string>()] : Enumerable.Empty<string>()).Concat(o.SelectMany(p => ActionIds(p.Value))),
        JsonArray a => a.SelectMany(ActionIds),
        _ => [],
    };

    private sealed class OtherSender : IChannelSender
    {
        public string Channel => "other";

        public Task<SendResult> SendAsync(OutboxItem item, CancellationToken ct) => Task.FromResult(SendResult.Delivered());
    }
}
