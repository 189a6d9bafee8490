using DeliberationBot.Core;
using DeliberationBot.Core.Community;
using DeliberationBot.Core.Exports;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Privacy;
using DeliberationBot.Core.Scheduling;
using DeliberationBot.Host.Community;
using DeliberationBot.Host.Exports;
using DeliberationBot.Host.Flows;
using DeliberationBot.Host.Privacy;
using DeliberationBot.Host.Reports;
using DeliberationBot.Core.Reports;
using DeliberationBot.Storage;
using DeliberationBot.Summaries;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Composition;

internal static class DeliberationBotComposition
{
    /// <summary>Everything both the service and the demo run on: flows, engine, storage, outbox.</summary>
    public static IServiceCollection AddDeliberationBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FlowOptions>().BindConfiguration(FlowOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => FlowFiles.Load(sp.GetRequiredService<IOptions<FlowOptions>>().Value));
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>();
        services.AddSingleton(sp => new Pseudonymizer(PseudonymKey.Load(
            sp.GetRequiredService<IOptions<PrivacyOptions>>().Value, sp.GetRequiredService<IOptions<StorageOptions>>().Value)));
        services.AddSingleton<StartupFiles>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupFiles>());
        services.AddDeliberationCore();
        services.AddDeliberationStorage();
        services.AddKeyRingProtection(configuration);
        services.AddSummaries(configuration);
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IExportLinkSigner, SignedExportLinks>();
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IReportLinkSigner, SignedReportLinks>();
        services.AddSingleton<ICommunityLinks, CommunityLinks>();
        services.AddRazorComponents();
        // Pages are UTF-8: people's words in any language, and the page's own dashes and quotation marks, are written as
        // characters rather than entities (what HTML gives meaning to is still encoded).
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        // Pages and their stylesheet travel compressed; nothing else this service sends is HTML or CSS.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html", "text/css"];
        });
        return services;
    }

    /// <summary>
    /// The background sender and, unless <c>Scheduling:Enabled</c> is false, the scheduler (digests, reminders,
    /// deadlines). The demo drives its own.
    /// </summary>
    public static IServiceCollection AddBackgroundWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHostedService<OutboxWorker>();
        if (configuration.GetValue("Scheduling:Enabled", defaultValue: true))
        {
            services.AddHostedService<SchedulerWorker>();
        }

        return services;
    }
}
