using System.Net;
using DeliberationBot.Core.Channels;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Teams.Tests.Inbound;

/// <summary>No App ID: unauthenticated activities only in Development, with the loud switch; elsewhere Teams is off or refuses to start.</summary>
public sealed class DevelopmentModeTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private FakeBotFramework _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBotFramework.StartAsync();

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _db.Dispose();
    }

    private static void NoAppId(Dictionary<string, string?> settings, bool allow)
    {
        settings.Remove("Teams:AppId");
        settings.Remove("Teams:AppPassword");
        settings["Teams:AllowUnauthenticated"] = allow ? "true" : null;
    }

    [Fact]
    public async Task In_Development_without_an_AppId_activities_without_a_token_are_accepted()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake, _db, s => NoAppId(s, allow: true), environment: "Development");
        using var response = await host.PostAsync(Activities.Message(host.ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), "help"), token: "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await host.SentAsync());
        Assert.Null(reply.Authorization);
        Assert.Empty(_fake.TokenRequests);
        Assert.True(host.Logs.Contains(LogLevel.Warning, "WITHOUT AUTHENTICATION"));

        // A token it cannot check is refused rather than ignored.
        using var withToken = await host.PostAsync(Activities.Message(host.ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), "help"), token: "Bearer abc");
        Assert.Equal(HttpStatusCode.Unauthorized, withToken.StatusCode);
    }

    [Fact]
    public async Task Outside_Development_without_an_AppId_Teams_is_off()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake, _db, s => NoAppId(s, allow: false), environment: "Production");
        using var response = await host.PostAsync(Activities.Message(host.ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), "help"), token: "");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(host.Logs.Contains(LogLevel.Information, "Teams is off"));
    }

    [Fact]
    public void Allowing_unauthenticated_activities_outside_Development_stops_start_up() =>
        Assert.Contains("only in the Development environment", StartupFailure(With(s => NoAppId(s, allow: true))), StringComparison.Ordinal);

    [Theory]
    [InlineData("Teams:TenantId", null, "Teams:TenantId is required")]
    [InlineData("Teams:AppPassword", null, "Teams:AppPassword is required")]
    [InlineData("Teams:AppId", "not-a-guid", "must be the Microsoft App ID")]
    [InlineData("Teams:OpenIdMetadataUrl", "http://login.example.com/meta", "plain http is allowed only for loopback")]
    [InlineData("Teams:Cloud", "Mars", "Teams:Cloud must be Public, USGov or China")]
    [InlineData("Teams:AppType", "Sometimes", "Teams:AppType must be")]
    [InlineData("Teams:ConnectorTimeout", "00:00:00", "Teams:ConnectorTimeout must be between 0 and 2 minutes")]
    [InlineData("Teams:UnknownKeyRefreshInterval", "00:00:01", "Teams:UnknownKeyRefreshInterval must be between 10 seconds and 1 hour")]
    public void Bad_settings_stop_start_up_with_a_message_that_says_what_to_do(string key, string? value, string expected) =>
        Assert.Contains(expected, StartupFailure(With(s => s[key] = value)), StringComparison.Ordinal);

    [Fact]
    public void Without_storage_for_conversation_references_start_up_fails_clearly()
    {
        // AddTeams brings the reference store; it keeps its records in storage's channel state, so that must be there.
        var failure = StartupFailure(TeamsTestHost.Settings(_fake, _db), services => services.RemoveAll<IChannelStateStore>());
        Assert.Contains("IChannelStateStore", failure, StringComparison.Ordinal);
        Assert.Contains("after a restart", failure, StringComparison.Ordinal);
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

    /// <summary>
    /// Starts the service expecting it to refuse; returns every message of the failure, inner ones included, and what
    /// the host logged as errors: when start-up fails, WebApplicationFactory may report its own disposed service
    /// provider rather than the cause, but the host has logged the cause by then.
    /// </summary>
    private string StartupFailure(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        using var factory = new TeamsFactory(_fake, settings, "Production", services);
        var e = Assert.ThrowsAny<Exception>(() => factory.StartServer());
        var messages = new List<string>();
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            messages.Add(inner is OptionsValidationException ov ? string.Join(" ", ov.Failures) : inner.Message);
        }

        messages.AddRange(factory.Logs.Entries.Where(l => l.Level >= LogLevel.Error).Select(l => l.Text));
        return string.Join(" | ", messages);
    }

    private Dictionary<string, string?> With(Action<Dictionary<string, string?>> change)
    {
        var settings = TeamsTestHost.Settings(_fake, _db);
        change(settings);
        return settings;
    }
}
