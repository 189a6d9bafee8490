using System.Diagnostics;
using System.Text.Json;
using DeliberationBot.Host.Tests.Support;

namespace DeliberationBot.Host.Tests.Deployment;

/// <summary>
/// The settings start-up depends on, read from the project as MSBuild evaluates it: the release package is compiled
/// ahead of time for the platform App Service runs (most of a JIT start-up was compiling EF Core and our own code), a
/// build stays portable, and the garbage collector is the one chosen for a small App Service plan. Measured in
/// tests/DeliberationBot.Benchmarks/results/startup-memory.md.
/// </summary>
public sealed class ReleasePackageTests
{
    private static readonly string Project = Path.Combine(Repository.Root, "src", "DeliberationBot.Host", "DeliberationBot.Host.csproj");

    [Fact]
    public async Task A_publish_is_ReadyToRun_for_linux_x64_and_framework_dependent()
    {
        var published = await EvaluateAsync("-p:_IsPublishing=true");

        Assert.Equal("true", published["PublishReadyToRun"]);
        Assert.Equal("linux-x64", published["RuntimeIdentifier"]);
        Assert.Equal("false", published["SelfContained"]); // App Service runs it with its own .NET: `dotnet DeliberationBot.Host.dll`
    }

    [Fact]
    public async Task A_publish_for_another_platform_keeps_the_platform_it_names()
    {
        var published = await EvaluateAsync("-p:_IsPublishing=true", "-p:RuntimeIdentifier=linux-arm64");

        Assert.Equal("linux-arm64", published["RuntimeIdentifier"]);
    }

    [Fact]
    public async Task A_build_is_portable()
    {
        var built = await EvaluateAsync();

        Assert.Equal("", built["RuntimeIdentifier"]);
    }

    [Fact]
    public async Task The_service_runs_with_server_garbage_collection_that_adapts_to_its_live_data()
    {
        var settings = await RuntimeSettingsAsync();

        Assert.True(settings.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(1, settings.GetProperty("System.GC.DynamicAdaptationMode").GetInt32()); // DATAS
        Assert.True(settings.GetProperty("System.GC.Concurrent").GetBoolean());
    }

    [Fact]
    public async Task Hot_code_is_recompiled_once_without_a_profiling_tier()
    {
        var settings = await RuntimeSettingsAsync();

        Assert.False(settings.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }

    /// <summary>The built service's runtimeconfig.json settings, which a publish carries unchanged.</summary>
    private static async Task<JsonElement> RuntimeSettingsAsync()
    {
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(BuiltService.Folder, "DeliberationBot.Host.runtimeconfig.json")));
        return json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    private static async Task<Dictionary<string, string>> EvaluateAsync(params string[] properties)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "msbuild", Project, "-nologo" }.Concat(properties)
            .Concat(["-getProperty:PublishReadyToRun", "-getProperty:RuntimeIdentifier", "-getProperty:SelfContained"]))
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own MSBuild variables would point the evaluation at the test run's MSBuild.
        foreach (var variable in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await output + await errors);

        using var json = JsonDocument.Parse(await output);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
