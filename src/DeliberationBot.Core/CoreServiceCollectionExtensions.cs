using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Exports;
using DeliberationBot.Core.Reminders;
using DeliberationBot.Core.Reports;
using DeliberationBot.Core.Scheduling;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The engine and application services. The caller registers the flows (<see cref="FlowCatalog"/>), the
    /// <see cref="Pseudonymizer"/> with its key, and a store.
    /// </summary>
    public static IServiceCollection AddDeliberationCore(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ReplyOutbox>();
        services.AddSingleton<DeliveryFailureNotices>();
        services.AddSingleton<BotMembership>();
        services.AddSingleton<FlowResolver>();
        services.AddSingleton<TurnSupport>();
        services.AddSingleton<StaleTurns>();
        services.AddSingleton<AnsweringService>();
        services.AddSingleton<AnswerMessages>();
        services.AddSingleton<RefusedAnswers>();
        services.AddSingleton<ThreadAnswering>();
        services.AddSingleton<TypedCommands>();
        services.AddSingleton<ChatAnswering>();
        services.AddSingleton<EditedCommands>();
        services.AddSingleton<CardThreads>();
        services.AddOptions<GroupSizeOptions>().BindConfiguration(GroupSizeOptions.Section);
        services.AddSingleton<DeliberationService>();
        services.AddSingleton<ConcernPublisher>();
        services.AddSingleton<ConcernService>();
        services.AddSingleton<DecisionService>();
        services.AddSingleton<SuggestionService>();
        services.AddSingleton<ExportService>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<Community.InvitationService>();
        services.AddSingleton<Community.PublicAnswering>();
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DigestSourceReader>();
        services.AddSingleton<DigestAudience>();
        services.AddSingleton<DigestService>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<DigestService>());
        services.AddSingleton<IScheduledJob, ReminderJob>();
        services.AddSingleton<IScheduledJob, DeadlineJob>();
        services.AddOptions<ConcernOptions>().BindConfiguration(ConcernOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConcernRoundup>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<ConcernRoundup>());
        services.AddSingleton<CommandDispatcher>();
        services.AddSingleton<IOutgoingMessageRefresher, DeliberationCardRefresher>();
        services.AddSingleton<IOutgoingMessageRefresher, DigestExpander>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<IPartLedger, OutboxPartLedger>();
        return services;
    }
}
