using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DeliberationBot.Testing;

/// <summary>Takes a background worker out of the service, so that a test runs its work explicitly instead.</summary>
public static class WorkerRemoval
{
    /// <summary>
    /// Removes the scheduler's background worker: moving the fake clock would otherwise start scheduled jobs
    /// (digests, reminders, deadlines) on a thread of their own, beside what the test does. No test here relies on
    /// them; the scheduler's own tests (DeliberationBot.Host.Tests) run its jobs explicitly.
    /// </summary>
    public static IServiceCollection WithoutScheduler(this IServiceCollection services) => services.Without<SchedulerWorker>();

    /// <summary>Removes the outbox's background worker: the test sends what is due itself (e.g. SettleOutboxAsync).</summary>
    public static IServiceCollection WithoutOutboxWorker(this IServiceCollection services) => services.Without<OutboxWorker>();

    private static IServiceCollection Without<TWorker>(this IServiceCollection services)
        where TWorker : IHostedService
    {
        foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(TWorker)).ToList())
        {
            services.Remove(worker);
        }

        return services;
    }
}
