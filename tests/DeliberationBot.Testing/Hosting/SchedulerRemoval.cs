using DeliberationBot.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DeliberationBot.Testing;

public static class SchedulerRemoval
{
    /// <summary>
    /// Removes the scheduler's background worker: moving the fake clock would otherwise start scheduled jobs
    /// (digests, reminders, deadlines) on a thread of their own, beside what the test does. No test here relies on
    /// them; the scheduler's own tests (DeliberationBot.Host.Tests) run its jobs explicitly.
    /// </summary>
    public static IServiceCollection WithoutScheduler(this IServiceCollection services)
    {
        foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SchedulerWorker)).ToList())
        {
            services.Remove(worker);
        }

        return services;
    }
}
