using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Privacy;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Host.Composition;

/// <summary>
/// Reads the flow files, the pseudonym key and the summary prompts when the service starts: asking for them is what
/// reads them, so a broken file stops start-up with its message instead of failing the first person who answers.
/// Registered before every other hosted service.
/// </summary>
internal sealed class StartupFiles : IHostedService
{
    public StartupFiles(FlowCatalog flows, Pseudonymizer pseudonyms, ISummarizer summaries)
    {
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        ArgumentNullException.ThrowIfNull(summaries);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
