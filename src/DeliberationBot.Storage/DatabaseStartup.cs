using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Storage;

/// <summary>Applies migrations before the service starts taking requests.</summary>
internal sealed partial class DatabaseStartup(DatabaseSchema schema, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await schema.PrepareAsync(cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogStorage(schema.Describe());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage: {Storage}")]
    private partial void LogStorage(string storage);
}
