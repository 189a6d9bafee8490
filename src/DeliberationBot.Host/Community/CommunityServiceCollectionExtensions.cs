using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Community;

internal static class CommunityServiceCollectionExtensions
{
    /// <summary>The public page's options, its words in every language, and its rate limits.</summary>
    public static IServiceCollection AddCommunityPage(this IServiceCollection services)
    {
        services.AddOptions<CommunityOptions>().BindConfiguration(CommunityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CommunityOptions>, CommunityOptionsValidator>();
        services.AddLocalization();
        services.AddCommunityRateLimits();
        return services;
    }
}
