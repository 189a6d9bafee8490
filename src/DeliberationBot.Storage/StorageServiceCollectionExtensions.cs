using DeliberationBot.Core.Channels;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Scheduling;
using DeliberationBot.Storage.Channels;
using DeliberationBot.Storage.Deliberations;
using DeliberationBot.Storage.Digests;
using DeliberationBot.Core.Digests;
using DeliberationBot.Storage.Outbox;
using DeliberationBot.Storage.Scheduling;
using DeliberationBot.Core.Telemetry;
using DeliberationBot.Storage.Telemetry;
using DeliberationBot.Storage.Protection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The stores over EF Core; options from <c>Storage</c> and <c>ConnectionStrings:Deliberations</c>.</summary>
    public static IServiceCollection AddDeliberationStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .Configure<Microsoft.Extensions.Configuration.IConfiguration>((o, config) => o.ConnectionString ??= config.GetConnectionStringOrNull("Deliberations"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DbFactory>();
        services.AddSingleton<GroupedWrites>();
        services.AddSingleton<IDeliberationStore, EfDeliberationStore>();
        services.AddSingleton<IOutboxStore, EfOutboxStore>();
        services.AddSingleton<IChannelStateStore, EfChannelStateStore>();
        services.AddSingleton<IScheduleStore, EfScheduleStore>();
        services.AddSingleton<IDigestStore, EfDigestStore>();
        services.AddSingleton<IOperationalReadings, EfOperationalReadings>();
        // First among hosted services: the schema must exist before anything (Data Protection's key ring included) reads it.
        services.AddHostedService<DatabaseStartup>();
        services.AddDataProtection().SetApplicationName("DeliberationBot");
        services.AddOptions<KeyManagementOptions>().Configure<DbFactory>((o, db) => o.XmlRepository = new DatabaseXmlRepository(db));
        services.AddSingleton(sp => new DatabaseSchema(sp.GetRequiredService<DbFactory>(), sp.GetRequiredService<IOptions<StorageOptions>>()));
        return services;
    }

    private static string? GetConnectionStringOrNull(this Microsoft.Extensions.Configuration.IConfiguration config, string name) =>
        config.GetSection("ConnectionStrings")[name] is { Length: > 0 } value ? value : null;
}
