using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Outbound;

/// <summary>
/// Teams:AppType=UserAssignedMSI: outbound tokens come from MSAL's ManagedIdentityApplication, here through its App
/// Service source. MSAL 4.92 picks that source from IDENTITY_ENDPOINT and IDENTITY_HEADER on every token request (it
/// caches a source only after the explicit GetManagedIdentityCapabilitiesAsync discovery, which the bot never calls), so
/// setting the two variables around the host is enough; they are process-wide, hence the serial collection.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ManagedIdentityTests
{
    [Fact]
    public async Task A_user_assigned_managed_identity_gets_the_connector_token_from_the_identity_endpoint_and_caches_it()
    {
        await using var fake = await FakeBotFramework.StartAsync();
        using var db = new TestDatabase();
        using var environment = new EnvironmentScope(new Dictionary<string, string?>
        {
            ["IDENTITY_ENDPOINT"] = fake.ManagedIdentityEndpoint,
            ["IDENTITY_HEADER"] = fake.ManagedIdentityHeader,
            ["IDENTITY_SERVER_THUMBPRINT"] = null, // with it MSAL would take the endpoint for Service Fabric's
        });
        await using var host = await TeamsTestHost.StartAsync(fake, db, settings =>
        {
            settings["Teams:AppType"] = "UserAssignedMSI";
            settings["Teams:AppPassword"] = null; // a managed identity has no secret (the validator insists)
        });

        await host.SendAsync(Activities.Message(host.ServiceUrl, Person.Fiona, Chat.Thread("42"), "help", id: "42"));
        var first = Assert.Single(await host.SentAsync(), c => c.IsPost);
        Assert.Equal("Bearer " + fake.ManagedIdentityAccessToken, first.Authorization);

        // One GET in App Service's protocol, for the Bot Framework resource, as the identity whose client id is the App ID.
        var request = Assert.Single(fake.ManagedIdentityRequests);
        Assert.Equal("GET", request.Method);
        Assert.Equal(fake.ManagedIdentityHeader, request.IdentityHeader);
        Assert.Equal("2019-08-01", request.Query["api-version"]);
        Assert.Equal("https://api.botframework.com", request.Query["resource"]);
        Assert.Equal(TeamsTestHost.AppId, request.Query["client_id"]);
        Assert.Empty(fake.TokenRequests); // no client-credentials grant against an authority

        // A second send uses MSAL's cached token: the identity endpoint is not asked again.
        await host.SendAsync(Activities.Message(host.ServiceUrl, Person.Fiona, Chat.Thread("43"), "flows", id: "43"));
        var second = Assert.Single(await host.SentAsync(), c => c.IsPost);
        Assert.Equal("Bearer " + fake.ManagedIdentityAccessToken, second.Authorization);
        Assert.Single(fake.ManagedIdentityRequests);
        Assert.Empty(fake.TokenRequests);
    }
}
