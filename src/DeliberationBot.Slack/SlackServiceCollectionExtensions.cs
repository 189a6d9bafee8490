using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Answering;
using DeliberationBot.Slack.Concerns;
using DeliberationBot.Slack.Inbound;
using DeliberationBot.Slack.Installation;
using DeliberationBot.Slack.Interactivity;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.People;
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
    /// Needs Core (AddDeliberationCore) and storage's <c>IChannelStateStore</c> and ASP.NET Data Protection (installed
    /// workspaces' encrypted bot tokens). Register your own
    /// <see cref="ISlackTokenSource"/> before this call to replace ours.
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

        services.AddOptions<SlackOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SlackEnabledMarker>();

        services.AddSingleton<SlackInstallations>();
        services.TryAddSingleton<ISlackTokenSource, InstalledTokenSource>();
        services.AddSingleton<UninstallEvents>();
        services.AddSingleton<MembershipEvents>();
        services.AddSingleton<SlackPeople>();
        services.AddSingleton<IConversationReaders, SlackConversationReaders>();
        services.AddSingleton<SlackRateLimitGate>();
        services.AddSingleton<DirectMessageChannels>();
        services.AddSingleton<SlackApiClient>();
        services.AddHttpClient(SlackApiClient.HttpClientName, (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
            http.BaseAddress = options.ApiBaseUri();
            http.Timeout = Timeout.InfiniteTimeSpan; // each attempt is timed by the resilience pipeline
        }).AddResilienceHandler(SlackRetryPolicy.PipelineName, (builder, context) => SlackRetryPolicy.Configure(builder, context.ServiceProvider));
        services.AddSingleton<IChannelSender, SlackChannelSender>();

        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<BotPresence>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<ActionReplies>();
        services.AddSingleton<ModalViews>();
        services.AddSingleton<ViewReplies>();
        services.AddSingleton<AnswerActions>();
        services.AddSingleton<ConcernActions>();
        services.AddSingleton<DecisionActions>();
        services.AddSingleton<SuggestionActions>();
        services.AddSingleton<ActionRouter>();
        services.AddSingleton<ViewSubmissionHandler>();
        services.AddSingleton<InteractionHandler>();
        services.AddSingleton<EventCallbackHandler>();
        services.AddSingleton<SlackDispatcher>();
        services.AddSingleton<SlackHttpEndpoint>();

        if (configured.OAuth)
        {
            services.AddSingleton<OAuthState>();
            services.AddSingleton<SlackOAuthEndpoints>();
            services.AddSingleton<SlackOAuthMarker>();
        }

        if (configured.SocketMode)
        {
            services.AddSingleton<SocketModeConnection.Factory>();
            services.AddHostedService<SocketModeService>();
        }

        return services;
    }

    /// <summary>
    /// POST /api/slack/events for slash commands, interactivity and the Events API; with Slack:ClientId, also
    /// GET /api/slack/install and /api/slack/oauth/callback. Maps nothing when Slack is off.
    /// </summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<SlackEnabledMarker>() is null)
        {
            return endpoints;
        }

        // Build the routing tables now, so that an action id, callback or event type registered twice stops start-up.
        _ = endpoints.ServiceProvider.GetRequiredService<SlackDispatcher>();
        endpoints.MapPost(SlackHttpEndpoint.Path, (RequestDelegate)(context => context.RequestServices.GetRequiredService<SlackHttpEndpoint>().HandleAsync(context)))
            .WithName("SlackEvents");
        if (endpoints.ServiceProvider.GetService<SlackOAuthMarker>() is not null)
        {
            endpoints.MapGet(SlackOAuthEndpoints.InstallPath, (HttpContext context, SlackOAuthEndpoints oauth) => oauth.Install(context))
                .WithName("SlackInstall");
            endpoints.MapGet(SlackOAuthEndpoints.CallbackPath, (HttpContext context, SlackOAuthEndpoints oauth) => oauth.CallbackAsync(context))
                .WithName("SlackOAuthCallback");
        }

        return endpoints;
    }

    private sealed class SlackEnabledMarker;

    private sealed class SlackOAuthMarker;

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
