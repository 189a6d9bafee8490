using System.Net;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>No App ID: unauthenticated activities only in Development, with the loud switch; elsewhere Teams is off or refuses to start.</summary>
public sealed class DevelopmentModeTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBotFramework.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static void NoAppId(Dictionary<string, string?> settings, bool allow)
    {
        settings.Remove("Teams:AppId");
        settings.Remove("Teams:AppPassword");
        settings["Teams:AllowUnauthenticated"] = allow ? "true" : null;
    }

    [Fact]
    public async Task In_Development_without_an_AppId_activities_without_a_token_are_accepted()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake, s => NoAppId(s, allow: true), environment: "Development");
        using var response = await host.PostAsync(Activities.Message(host.ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), "help"), token: "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await host.DispatchAsync());
        Assert.Null(reply.Authorization);
        Assert.Empty(_fake.TokenRequests);
        Assert.True(host.Logs.Contains(Microsoft.Extensions.Logging.LogLevel.Warning, "WITHOUT AUTHENTICATION"));

        // A token it cannot check is refused rather than ignored.
        using var withToken = await host.PostAsync(Activities.Message(host.ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), "help"), token: "Bearer abc");
        Assert.Equal(HttpStatusCode.Unauthorized, withToken.StatusCode);
    }

    [Fact]
    public async Task Outside_Development_without_an_AppId_Teams_is_off()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake, s => NoAppId(s, allow: false), environment: "Production");
        using var response = await host.PostAsync(Activities.Message(host.ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), "help"), token: "");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(host.Logs.Contains(Microsoft.Extensions.Logging.LogLevel.Information, "Teams is off"));
    }

    [Fact]
    public async Task Allowing_unauthenticated_activities_outside_Development_stops_start_up()
    {
        var app = TeamsTestHost.Build(_fake, With(s => NoAppId(s, allow: true)), "Production", new InMemoryStore(TimeProvider.System), new InMemoryReferenceStore(), new ListLoggerProvider());
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("only in the Development environment", e.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    [Theory]
    [InlineData("Teams:TenantId", null, "Teams:TenantId is required")]
    [InlineData("Teams:AppPassword", null, "Teams:AppPassword is required")]
    [InlineData("Teams:AppId", "not-a-guid", "must be the Microsoft App ID")]
    [InlineData("Teams:OpenIdMetadataUrl", "http://login.example.com/meta", "plain http is allowed only for loopback")]
    [InlineData("Teams:Cloud", "Mars", "Teams:Cloud must be Public, USGov or China")]
    [InlineData("Teams:AppType", "Sometimes", "Teams:AppType must be")]
    public async Task Bad_settings_stop_start_up_with_a_message_that_says_what_to_do(string key, string? value, string expected)
    {
        var app = TeamsTestHost.Build(_fake, With(s => s[key] = value), "Production", new InMemoryStore(TimeProvider.System), new InMemoryReferenceStore(), new ListLoggerProvider());
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Without_a_reference_store_start_up_fails_clearly()
    {
        var app = TeamsTestHost.Build(_fake, TeamsTestHost.Settings(_fake), "Production", new InMemoryStore(TimeProvider.System), null, new ListLoggerProvider());
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        Assert.Contains("IConversationReferenceStore", e.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    [Fact]
    public void Each_cloud_has_its_own_endpoints_and_each_can_be_overridden()
    {
        var gov = new TeamsOptions { Cloud = "USGov", AppType = "MultiTenant" };
        Assert.Equal("https://api.botframework.us", gov.Endpoints.ChannelIssuer);
        Assert.Equal("https://api.botframework.us/.default", gov.Endpoints.TokenScope);
        Assert.Equal("MicrosoftServices.onmicrosoft.us", gov.AuthorityTenant);
        var overridden = new TeamsOptions { TokenAuthority = "https://127.0.0.1:5001/", TenantId = "t" };
        Assert.Equal("https://127.0.0.1:5001", overridden.Endpoints.TokenAuthority);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", overridden.Endpoints.OpenIdMetadataUrl);
        Assert.Equal("t", overridden.AuthorityTenant);
        Assert.Equal("https://api.botframework.com", overridden.Endpoints.TokenResource);
    }

    private Dictionary<string, string?> With(Action<Dictionary<string, string?>> change)
    {
        var settings = TeamsTestHost.Settings(_fake);
        change(settings);
        return settings;
    }
}
