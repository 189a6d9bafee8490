using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Privacy;

namespace DeliberationBot.Host.Composition;

/// <summary>
/// Reads the flow files and the pseudonym key when the service starts: asking for them is what reads them, so a
/// broken flow or an unreadable key stops start-up with its message instead of failing the first person who answers.
/// Registered before every other hosted service.
/// </summary>
internal sealed class StartupFiles : IHostedService
{
    public StartupFiles(FlowCatalog flows, Pseudonymizer pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(pseudonyms);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
