using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace DeliberationBot.Testing;

/// <summary>The small Kestrel servers that play an outside service for tests (Slack's Web API, a model endpoint).</summary>
public static class LoopbackServer
{
    /// <summary>A slim application on a free port of 127.0.0.1, logging nothing.</summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder;
    }

    /// <summary>The first address the started <paramref name="app"/> listens on, e.g. "http://127.0.0.1:40123".</summary>
    public static string Address(WebApplication app) => app.Urls.First();

    public static async ValueTask StopAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
