using System.Diagnostics;
using System.Globalization;
using System.Text;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DeliberationBot.Benchmarks.Outbox;

/// <summary>
/// How fast the outbox drains when sending costs nothing: the real host over a SQLite file, <c>N</c> queued messages
/// (one conversation each, as a burst of answers queues them), and a sender that accepts at once, so what is measured
/// is the store's claim and mark-delivered work per message. The workers are removed; the dispatcher is called in a
/// loop until nothing is due. Appends a line to results/outbox-drain.md.
/// </summary>
internal static class OutboxDrainRun
{
    private const string Channel = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var label = args.Length > 1 ? args[1] : "this build";
        var folder = Directory.CreateTempSubdirectory("deliberationbot-outbox-");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DELIBERATIONBOT_HOST", Path.Combine(Repository.Root, "src", "DeliberationBot.Host"));
        using var host = new BenchHost(folder.FullName, "http://127.0.0.1:9/", services =>
        {
            foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && (d.ImplementationType == typeof(SchedulerWorker) || d.ImplementationType == typeof(OutboxWorker))).ToList())
            {
                services.Remove(worker);
            }

            services.AddSingleton<IChannelSender, AcceptingSender>();
            var store = services.Single(d => d.ServiceType == typeof(IOutboxStore));
            services.Remove(store);
            services.AddSingleton<IOutboxStore>(sp => new TimedOutboxStore((IOutboxStore)ActivatorUtilities.CreateInstance(sp, store.ImplementationType!)));
        });
        var store = host.Services.GetRequiredService<IDeliberationStore>();
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        var timed = (TimedOutboxStore)host.Services.GetRequiredService<IOutboxStore>();

        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < messages; i += 50)
        {
            var outbox = Enumerable.Range(i, Math.Min(50, messages - i)).Select(n => new OutboxMessage(
                Guid.NewGuid(), "T0BENCH", "bench-" + n, Destination.To(new ConversationRef(Channel, "T0BENCH", "C" + n)), new Confirmation("Thanks, your answer is saved."), now)).ToList();
            await store.CommitAsync(new Commit("T0BENCH", null) { Outbox = outbox }, default);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var passes = 0;
        var sent = 0;
        while (await dispatcher.DispatchDueAsync(default) is > 0 and var handled)
        {
            passes++;
            sent += handled;
        }

        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var perSecond = sent / clock.Elapsed.TotalSeconds;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"| {now:yyyy-MM-dd HH:mm} | {label} | {sent} | {passes} | {clock.Elapsed.TotalMilliseconds:F0} | {timed.Claiming.TotalMilliseconds:F0} | {timed.Marking.TotalMilliseconds:F0} | {cpu.TotalMilliseconds / sent:F2} | {perSecond:F0} | {MachineLoad.Average()} |");
        Console.WriteLine(line);
        var results = Path.Combine(Repository.Root, "tests", "DeliberationBot.Benchmarks", "results", "outbox-drain.md");
        if (!File.Exists(results))
        {
            await File.WriteAllTextAsync(results, Header, new UTF8Encoding(false));
        }

        await File.AppendAllTextAsync(results, line + "\n", new UTF8Encoding(false));
        folder.Delete(recursive: true);
        return sent == messages ? 0 : 1;
    }

    private const string Header = """
        # Outbox drain

        The outbox's own cost per message: the real host over a SQLite file (WAL, `synchronous=FULL`), N queued
        messages one conversation each, a sender that accepts at once, the dispatcher called until nothing is due
        (batches of 20). On a busy machine the wall-clock figures mostly measure waiting for a core; the CPU time the
        process spent per message is the steadier figure. Command: `dotnet run -c Release --project tests/DeliberationBot.Benchmarks -- outbox [N] [label]`.

        | when (UTC) | build | messages | batches | total ms | claiming ms | marking ms | CPU ms per message | messages/s | load average (1, 5, 15 min) |
        |---|---|---|---|---|---|---|---|---|---|

        """;

    private sealed class AcceptingSender : IChannelSender
    {
        public string Channel => OutboxDrainRun.Channel;

        public Task<SendResult> SendAsync(OutboxItem item, CancellationToken ct) => Task.FromResult(SendResult.Delivered());
    }
}
