using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DeliberationBot.Host.Tests.Support;

namespace DeliberationBot.Host.Tests.Startup;

/// <summary>
/// Every assembly a process maps stays resident, so the service maps only what its configuration uses: no telemetry
/// exporter and no tracing-only instrumentation without a destination, no PostgreSQL driver on SQLite. Read from /proc/&lt;pid&gt;/maps of the built service
/// in its own process, once it answers /readyz. Measured in tests/DeliberationBot.Benchmarks/results/startup-memory.md.
/// </summary>
public sealed partial class LoadedAssembliesTests
{
    private const string AzureMonitor = "Azure.Monitor.OpenTelemetry.Exporter.dll";
    private const string Otlp = "OpenTelemetry.Exporter.OpenTelemetryProtocol.dll";
    // Only tracing uses it (ASP.NET Core's and HttpClient's instrumentation serve the metrics too, so they stay).
    private const string EfCoreTracing = "OpenTelemetry.Instrumentation.EntityFrameworkCore.dll";

    [Fact]
    public async Task Without_a_telemetry_destination_or_PostgreSQL_their_assemblies_are_never_loaded()
    {
        var mapped = await MappedAssembliesOnceReadyAsync([]);

        Assert.Contains("Microsoft.EntityFrameworkCore.Sqlite.dll", mapped); // the reading works
        Assert.DoesNotContain(AzureMonitor, mapped);
        Assert.DoesNotContain(Otlp, mapped);
        Assert.DoesNotContain(EfCoreTracing, mapped);
        Assert.DoesNotContain("Npgsql.dll", mapped);
        Assert.DoesNotContain("Npgsql.EntityFrameworkCore.PostgreSQL.dll", mapped);
    }

    [Fact]
    public async Task A_configured_destination_loads_its_exporter_and_the_tracing_instrumentation()
    {
        var mapped = await MappedAssembliesOnceReadyAsync([
            // Nothing listens on port 9: the exporters' sends fail quietly in the background.
            ("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9"),
        ]);

        Assert.Contains(AzureMonitor, mapped);
        Assert.Contains(Otlp, mapped);
        Assert.Contains(EfCoreTracing, mapped);
    }

    private static async Task<HashSet<string>> MappedAssembliesOnceReadyAsync((string Name, string Value)[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("deliberationbot-assemblies-");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(BuiltService.Folder, "DeliberationBot.Host.dll"));
        // Port 0: the service takes a free port as it binds and logs it. A port found free beforehand can be taken by
        // another process before the service binds it, which a busy machine running tests side by side does.
        start.ArgumentList.Add("--Urls=http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__Provider"] = "Sqlite";
        start.Environment["Storage__SqlitePath"] = Path.Combine(folder.FullName, "bot.db");
        start.Environment["Privacy__PseudonymKey"] = Convert.ToBase64String(new byte[32]);
        start.Environment["Flows__Directory"] = Repository.FlowsDirectory;
        start.Environment["Summaries__PromptsDirectory"] = Repository.SummaryPrompts;
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        try
        {
            await WaitUntilReadyAsync(process, output);
            return File.ReadLines($"/proc/{process.Id}/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(5))
                .Where(path => path?.EndsWith(".dll", StringComparison.Ordinal) == true)
                .Select(path => Path.GetFileName(path!))
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (process.HasExited)
        {
            throw new InvalidOperationException($"The service exited ({process.ExitCode}): {output}{await errors}", e);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Reads the service's log for the address it bound and until the host says it has started (every hosted service,
    /// the database's preparation included, has run by then), then asks /readyz once, so the readiness check's own code
    /// is mapped too. The guard only ends a service that never starts.
    /// </summary>
    private static async Task WaitUntilReadyAsync(Process process, StringBuilder output)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        string? address = null;
        while (await process.StandardOutput.ReadLineAsync(guard.Token) is { } line)
        {
            output.AppendLine(line);
            address ??= ListeningAddress().Match(line) is { Success: true } bound ? bound.Groups[1].Value : null;
            if (line.Contains("Application started", StringComparison.Ordinal))
            {
                using var http = new HttpClient { BaseAddress = new Uri(address ?? throw new InvalidOperationException("The service started without saying where it listens.")) };
                using var response = await http.GetAsync("/readyz", guard.Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                _ = process.StandardOutput.ReadToEndAsync(); // keeps the pipe drained while the maps are read
                return;
            }
        }

        throw new InvalidOperationException("The service exited before it was ready.");
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningAddress();
}
