using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using DeliberationBot.Core.Exports;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.Posting;
using DeliberationBot.Summaries.AzureOpenAI;
using DeliberationBot.Summaries.Prompts;
using DeliberationBot.Summaries.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Summaries;

public static class SummariesServiceCollectionExtensions
{
    /// <summary>The key of the summaries' own <see cref="IChatClient"/>, so it never collides with another one.</summary>
    public const string ChatClientKey = "DeliberationBot.Summaries";

    /// <summary>
    /// Registers <see cref="ISummarizer"/> as Summaries:Provider says: Offline (the default) or AzureOpenAI, which also
    /// needs AzureOpenAI:Endpoint and AzureOpenAI:Deployment, and AzureOpenAI:ApiKey or else managed identity. Options
    /// are validated at start-up; for AzureOpenAI the prompt files are read when the summariser is first asked for, which
    /// the host does at start-up, so a missing one stops start-up too.
    /// </summary>
    public static IServiceCollection AddSummaries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SummariesOptions>().Bind(configuration.GetSection(SummariesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DeliberationSummaries>();
        services.AddSingleton<IOutgoingMessageRefresher>(sp => sp.GetRequiredService<DeliberationSummaries>());
        services.AddSingleton<ISummaryTextSource>(sp => sp.GetRequiredService<DeliberationSummaries>());

        var configured = configuration.GetSection(SummariesOptions.Section).Get<SummariesOptions>() ?? new SummariesOptions();
        if (!TryParseProvider(configured.Provider, out var provider) || provider == SummaryProviders.Offline)
        {
            services.AddSingleton<ISummarizer, OfflineSummarizer>();
            return services;
        }

        services.AddOptions<AzureOpenAIOptions>().Bind(configuration.GetSection(AzureOpenAIOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureOpenAIOptions>, AzureOpenAIOptionsValidator>());
        services.AddSingleton(sp => SummaryPrompts.Load(sp.GetRequiredService<IOptions<SummariesOptions>>().Value.PromptsDirectory));
        services.AddKeyedSingleton<IChatClient>(ChatClientKey, (sp, _) => CreateChatClient(
            sp.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value, sp.GetRequiredService<IOptions<SummariesOptions>>().Value));
        services.AddSingleton(_ => TokenCounters.Create());
        services.AddSingleton<SummariesLog>();
        services.AddSingleton<SectionReplyCache>();
        services.AddSingleton<SectionRequestBuilder>();
        services.AddSingleton<ModelCaller>();
        services.AddSingleton<ISummarizer, AzureOpenAISummarizer>();
        return services;
    }

    internal static bool TryParseProvider(string? text, out string provider)
    {
        provider = string.Equals(text, SummaryProviders.AzureOpenAI, StringComparison.OrdinalIgnoreCase) ? SummaryProviders.AzureOpenAI
            : string.IsNullOrWhiteSpace(text) || string.Equals(text, SummaryProviders.Offline, StringComparison.OrdinalIgnoreCase) ? SummaryProviders.Offline
            : "";
        return provider.Length > 0;
    }

    /// <summary>
    /// The Azure OpenAI client with its own retries off (ModelCaller decides what to retry) and a network timeout just
    /// above ours. With an API key it sends that; without, it signs in through Azure.Identity.
    /// </summary>
    private static IChatClient CreateChatClient(AzureOpenAIOptions azure, SummariesOptions summaries)
    {
        var clientOptions = new AzureOpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = summaries.Timeout + TimeSpan.FromSeconds(5),
        };
        var endpoint = new Uri(azure.Endpoint!);
        var client = string.IsNullOrEmpty(azure.ApiKey)
            ? new AzureOpenAIClient(endpoint, Credential(azure), clientOptions)
            : new AzureOpenAIClient(endpoint, new ApiKeyCredential(azure.ApiKey), clientOptions);
        return client.GetChatClient(azure.Deployment).AsIChatClient();
    }

    private static TokenCredential Credential(AzureOpenAIOptions azure) =>
        string.IsNullOrWhiteSpace(azure.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(azure.ManagedIdentityClientId));
}
