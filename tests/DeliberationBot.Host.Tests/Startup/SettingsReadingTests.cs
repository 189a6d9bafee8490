using DeliberationBot.Host.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Host.Tests.Startup;

/// <summary>Settings files are read once, at start, where the options are validated; nothing watches them afterwards.</summary>
public sealed class SettingsReadingTests
{
    [Fact]
    public async Task No_settings_file_is_watched_for_changes_after_start()
    {
        await using var factory = new BotFactory(kestrel: false);
        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();

        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();

        Assert.Contains(files, f => f.Source.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched for changes"));
    }
}
