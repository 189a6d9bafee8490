using System.Text.Json;
using DeliberationBot.Host.Tests.Support;

namespace DeliberationBot.Host.Tests.Startup;

/// <summary>
/// Where the service listens is the host's to say (App Service sets ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS); only
/// `dotnet run` defaults to http://localhost:3978, through its launch settings.
/// </summary>
public sealed class ListeningAddressTests
{
    private static readonly string Host = Path.Combine(Repository.Root, "src", "DeliberationBot.Host");

    [Fact]
    public void Appsettings_do_not_pin_an_address_that_would_override_the_platform_s()
    {
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Host, "appsettings.json"))).RootElement;

        Assert.DoesNotContain(settings.EnumerateObject(), p => p.Name.Equals("Urls", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("_PORTS", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Dotnet_run_listens_on_localhost_3978_as_the_readme_says()
    {
        var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(Host, "Properties", "launchSettings.json"))).RootElement;
        var profile = Assert.Single(launch.GetProperty("profiles").EnumerateObject()).Value;

        Assert.Equal("http://localhost:3978", profile.GetProperty("applicationUrl").GetString());
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        Assert.Contains("dotnet run --project src/DeliberationBot.Host", readme, StringComparison.Ordinal);
        Assert.Contains("This starts the service on `http://localhost:3978`", readme, StringComparison.Ordinal);
    }
}
