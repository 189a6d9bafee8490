namespace DeliberationBot.Host.Memory;

internal static class MemoryServiceCollectionExtensions
{
    /// <summary>Counting requests, and handing memory back when they stop, unless <c>Memory:TrimWhenQuiet</c> is false.</summary>
    public static IServiceCollection AddIdleMemoryTrim(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MemoryOptions>().BindConfiguration(MemoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RequestActivity>();
        services.AddSingleton<IStartupFilter>(sp => sp.GetRequiredService<RequestActivity>());
        if (configuration.GetValue($"{MemoryOptions.Section}:{nameof(MemoryOptions.TrimWhenQuiet)}", defaultValue: true))
        {
            services.AddHostedService<IdleMemoryTrim>();
        }

        return services;
    }
}
