using DeliberationBot.Core.Channels;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Teams.Auth;
using DeliberationBot.Teams.Inbound;
using DeliberationBot.Teams.Installation;
using DeliberationBot.Teams.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// The Teams adapter, when Teams:AppId is set, or in Development when Teams:AllowUnauthenticated is (otherwise one
    /// log line says Teams is off). Needs Core (AddDeliberationCore) and storage's <see cref="IChannelStateStore"/>, in
    /// which conversation references are kept (unless another <see cref="IConversationReferenceStore"/> is registered);
    /// start-up fails with a clear message when neither is there.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingleton<TeamsLog>();
        var section = configuration.GetSection(TeamsOptions.Section);
        var configured = section.Get<TeamsOptions>() ?? new TeamsOptions();
        if (!configured.Requested)
        {
            services.AddHostedService(sp => new TeamsDisabledNotice(sp.GetRequiredService<TeamsLog>(), environment));
            return services;
        }

        services.AddOptions<TeamsOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>>(new TeamsOptionsValidator(environment));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TeamsEnabledMarker>();
        services.AddHostedService<TeamsStartupNotice>();

        services.AddHttpClient(SigningKeys.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(MsalBotTokenProvider.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(BotConnectorClient.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(3))
            .AddResilienceHandler(ConnectorRetryPolicy.PipelineName, (builder, context) => ConnectorRetryPolicy.Configure(builder, context.ServiceProvider));

        services.AddSingleton<SigningKeys>();
        services.AddSingleton<ChannelTokenValidator>();
        services.AddSingleton<ServiceUrlPolicy>();
        services.TryAddSingleton<IBotTokenProvider, MsalBotTokenProvider>();
        services.AddSingleton<BotConnectorClient>();
        services.TryAddSingleton<IConversationReferenceStore>(sp => new CachedReferenceStore(new ChannelStateReferenceStore(sp.GetService<IChannelStateStore>() ?? throw new InvalidOperationException(
            "Teams is enabled but its conversation references cannot be stored: no IChannelStateStore is registered. Register storage " +
            "(AddDeliberationStorage) or an IConversationReferenceStore, so the bot can reach conversations and people after a restart.")),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ConversationReferences>();
        services.AddSingleton<PersonalConversations>();
        services.AddSingleton<IChannelSender, TeamsChannelSender>();

        services.AddSingleton<PeopleDirectory>();
        services.AddSingleton<IConversationReaders, TeamsConversationReaders>();
        services.AddSingleton<ReplyQueue>();
        services.AddSingleton<CardActions>();
        services.AddSingleton<MessageHandler>();
        services.AddSingleton<InvokeHandler>();
        services.AddSingleton<FormRedraw>();
        services.AddSingleton<InstallationHandler>();
        services.AddSingleton<ActivityRouter>();
        services.AddSingleton<TeamsEndpoint>();
        return services;
    }

    /// <summary>POST /api/messages, the Bot Framework messaging endpoint. Maps nothing when Teams is off.</summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<TeamsEnabledMarker>() is null)
        {
            return endpoints;
        }

        endpoints.MapPost(TeamsChannel.Path, (RequestDelegate)(context => context.RequestServices.GetRequiredService<TeamsEndpoint>().HandleAsync(context)))
            .WithName("TeamsMessages");
        return endpoints;
    }

    private sealed class TeamsEnabledMarker;

    private sealed class TeamsDisabledNotice(TeamsLog log, IHostEnvironment environment) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            log.Disabled(environment.IsDevelopment()
                ? "; to try it locally with the Microsoft 365 Agents Playground, set Teams:AllowUnauthenticated=true (Development only)"
                : "");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Says loudly how Teams runs.</summary>
    private sealed class TeamsStartupNotice(IOptions<TeamsOptions> options, TeamsLog log) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var opts = options.Value;
            if (opts.Unauthenticated)
            {
                log.UnauthenticatedMode(TeamsChannel.Path);
            }
            else
            {
                log.Enabled(opts.AppId, opts.ParsedAppType.ToString(), opts.ParsedCloud.ToString());
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
