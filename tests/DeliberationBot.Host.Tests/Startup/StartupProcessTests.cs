using System.Diagnostics;
using DeliberationBot.Host.Tests.Support;

namespace DeliberationBot.Host.Tests.Startup;

/// <summary>The service as an operator starts it: its own process, from a folder of the operator's choosing.</summary>
public sealed class StartupProcessTests
{
    private static string AppFolder => BuiltService.Folder;

    [Fact]
    public async Task A_bad_setting_prints_one_clear_message_and_exits_non_zero_without_a_stack_trace()
    {
        var (exit, output) = await RunAsync(["--Outbox:BatchSize=0"]);

        Assert.Equal(2, exit);
        Assert.Contains("DeliberationBot did not start", output, StringComparison.Ordinal);
        Assert.Contains("Outbox:BatchSize must be between 1 and 500", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_files_beside_the_app_are_read_from_any_folder_for_the_environment_it_names()
    {
        var environment = "Check" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(AppFolder, $"appsettings.{environment}.json");
        await File.WriteAllTextAsync(file, """{ "Privacy": { "PseudonymKey": "c2hvcnQ=" } }""");
        try
        {
            var (exit, output) = await RunAsync([], environment);

            Assert.Equal(2, exit);
            Assert.Contains("Privacy:PseudonymKey must be at least 32 bytes", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs the service from a fresh empty folder; returns its exit code and everything it printed.</summary>
    private static async Task<(int Exit, string Output)> RunAsync(string[] args, string? environment = null)
    {
        var folder = Directory.CreateTempSubdirectory("deliberationbot-start-");
        try
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppFolder, "DeliberationBot.Host.dll"));
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.ArgumentList.Add("--Urls=http://127.0.0.1:0");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment ?? "Production";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // only guards a service that failed to stop
            try
            {
                await process.WaitForExitAsync(hang.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
