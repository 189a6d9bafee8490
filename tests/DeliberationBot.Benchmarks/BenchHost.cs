using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Benchmarks;

/// <summary>The real host over a SQLite file in <paramref name="folder"/>, in Production, with Slack pointed at <paramref name="slackUrl"/>.</summary>
internal sealed class BenchHost(string folder, string slackUrl, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public const string SlackSecret = "bench-signing-secret";

    // The host's folder as its content root, from wherever the benchmarks run (the factory looks beside the solution).
    static BenchHost() =>
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DELIBERATIONBOT_HOST", Path.Combine(Repository.Root, "src", "DeliberationBot.Host"));

    public string DatabasePath => Path.Combine(folder, "bench.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:SqlitePath", DatabasePath);
        builder.UseSetting("Privacy:PseudonymKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Flows:Directory", Path.Combine(Repository.Root, "prompts", "flows"));
        builder.UseSetting("Slack:SigningSecret", SlackSecret);
        builder.UseSetting("Slack:BotToken", "xoxb-bench");
        builder.UseSetting("Slack:ApiBaseUrl", slackUrl.TrimEnd('/') + "/api/");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseEnvironment("Production");
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public BenchHost UseLoopback()
    {
        UseKestrel(0);
        return this;
    }
}
