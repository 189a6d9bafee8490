namespace DeliberationBot.Host.Community;

internal static class CommunityServiceCollectionExtensions
{
    public static IServiceCollection AddCommunityPage(this IServiceCollection services)
    {
        services.AddOptions<CommunityOptions>().BindConfiguration(CommunityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
