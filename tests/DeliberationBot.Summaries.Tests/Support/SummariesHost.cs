using DeliberationBot.Core.Summaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Summaries.Tests.Support;

/// <summary>The summaries as the host composes them (AddSummaries over configuration), with logs captured.</summary>
internal sealed class SummariesHost : IDisposable
{
    public const string Deployment = "summaries-test";
    public const string ApiKey = "test-api-key";

    private readonly ServiceProvider _services;

    private SummariesHost(ServiceProvider services, ListLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
    }

    public ListLoggerProvider Logs { get; }

    public ISummarizer Summarizer => _services.GetRequiredService<ISummarizer>();

    public IServiceProvider Services => _services;

    public static Dictionary<string, string?> AzureSettings(string endpoint) => new()
    {
        ["Summaries:Provider"] = "AzureOpenAI",
        ["Summaries:PromptsDirectory"] = Repo.SummaryPrompts,
        ["Summaries:TimeoutSeconds"] = "120", // only bounds a loopback call; tests of the timeout set their own on a fake clock
        ["Summaries:MaxAttempts"] = "3",
        ["Summaries:RetryDelaySeconds"] = "0.05",
        ["AzureOpenAI:Endpoint"] = endpoint,
        ["AzureOpenAI:Deployment"] = Deployment,
        ["AzureOpenAI:ApiKey"] = ApiKey,
    };

    public static SummariesHost Create(Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        services.AddSummaries(configuration);
        return new SummariesHost(services.BuildServiceProvider(), logs);
    }

    public static SummariesHost Azure(LocalOpenAIServer server, params (string Key, string Value)[] overrides) => Azure(server, null, overrides);

    /// <summary>With <paramref name="clock"/> as the summariser's time, so timeouts and waits move only when a test moves them.</summary>
    public static SummariesHost Azure(LocalOpenAIServer server, TimeProvider? clock, params (string Key, string Value)[] overrides)
    {
        var settings = AzureSettings(server.Endpoint);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return Create(settings, clock);
    }

    public void Dispose() => _services.Dispose();
}
