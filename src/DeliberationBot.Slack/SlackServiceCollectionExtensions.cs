using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.SocketMode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// The Slack adapter, when Slack:BotToken or Slack:ClientId is set (otherwise one log line says Slack is off).
    /// Needs Core (AddDeliberationCore). Register your own <see cref="ISlackThreadIndex"/> and, for several workspaces,
    /// <see cref="ISlackTokenSource"/>, before or after this call.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<SlackLog>();
        var section = configuration.GetSection(SlackOptions.Section);
        var configured = section.Get<SlackOptions>() ?? new SlackOptions();
        if (!configured.Enabled)
        {
            services.AddHostedService<SlackDisabledNotice>();
            return services;
        }

        services.AddOptions<SlackOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SlackEnabledMarker>();

        services.TryAddSingleton<ISlackTokenSource, ConfiguredTokenSource>();
        services.TryAddSingleton<ISlackThreadIndex, OutboxThreadIndex>();
        services.AddSingleton<SlackRateLimitGate>();
        services.AddSingleton<SlackApiClient>();
        services.AddHttpClient(SlackApiClient.HttpClientName, (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
            http.BaseAddress = options.ApiBaseUri;
            http.Timeout = options.HttpTimeout;
        });
        services.AddSingleton<IChannelSender, SlackChannelSender>();

        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<ViewSubmissionHandler>();
        services.AddSingleton<InteractionHandler>();
        services.AddSingleton<EventCallbackHandler>();
        services.AddSingleton<SlackDispatcher>();
        services.AddSingleton<SlackHttpEndpoint>();

        if (configured.SocketMode)
        {
            services.AddSingleton<SocketModeConnection.Factory>();
            services.AddHostedService<SocketModeService>();
        }

        return services;
    }

    /// <summary>POST /api/slack/events for slash commands, interactivity and the Events API. Maps nothing when Slack is off.</summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<SlackEnabledMarker>() is null)
        {
            return endpoints;
        }

        endpoints.MapPost(SlackHttpEndpoint.Path, (RequestDelegate)(context => context.RequestServices.GetRequiredService<SlackHttpEndpoint>().HandleAsync(context)))
            .WithName("SlackEvents");
        return endpoints;
    }

    private sealed class SlackEnabledMarker;

    private sealed class SlackDisabledNotice(SlackLog log) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            log.Disabled();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
