using System.Net;
using System.Text.Json;
using DeliberationBot.Host.Tests.Support;

namespace DeliberationBot.Host.Tests.Health;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_and_readyz_answer_over_http_when_the_database_and_flows_are_there()
    {
        using var factory = new BotFactory();
        using var client = factory.CreateClient();
        Assert.StartsWith("http://127.0.0.1:", client.BaseAddress!.ToString(), StringComparison.Ordinal);

        var live = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Contains("ai-proposal", body.RootElement.GetProperty("checks").GetProperty("flows").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(factory.Folder, "bot.db")), "the SQLite file is created on first run");
    }

    [Fact]
    public async Task Readyz_says_not_ready_while_the_database_is_unreachable_but_the_process_is_alive()
    {
        using var factory = new BotFactory(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Deliberations"] = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2",
            ["Storage:ApplyMigrations"] = "false",
        });
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("unreachable", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
