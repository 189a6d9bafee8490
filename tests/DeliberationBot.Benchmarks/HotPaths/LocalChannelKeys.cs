using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DeliberationBot.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DeliberationBot.Benchmarks.HotPaths;

/// <summary>
/// The Teams adapter's token validator as the adapter registers it, trusting a Bot Framework channel served on
/// 127.0.0.1 (OpenID metadata and a JWKS with one RS256 key endorsed for msteams), and a token that key signed as Azure
/// Bot Service signs them. The first validation fetches the keys; the benchmark then measures validations with the
/// keys cached.
/// </summary>
internal sealed class LocalChannelKeys : IAsyncDisposable
{
    private const string AppId = "5b8a3e3c-1f6b-4c6e-9a53-0d6c2a7f0b11";

    private readonly WebApplication _channel;
    private readonly ServiceProvider _services;
    private readonly Func<string?, CancellationToken, object> _validate;
    private readonly string _authorization;

    private LocalChannelKeys(WebApplication channel, ServiceProvider services, Func<string?, CancellationToken, object> validate, string authorization)
    {
        _channel = channel;
        _services = services;
        _validate = validate;
        _authorization = authorization;
    }

    public static async Task<LocalChannelKeys> StartAsync()
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = "bench-key" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var channel = builder.Build();
        var publicKey = rsa.ExportParameters(false);
        channel.MapGet("/v1/.well-known/openidconfiguration", (HttpContext http) =>
            Results.Json(new { issuer = "https://api.botframework.com", jwks_uri = $"{http.Request.Scheme}://{http.Request.Host}/v1/.well-known/keys" }));
        channel.MapGet("/v1/.well-known/keys", () => Results.Text(new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(publicKey.Modulus), ["e"] = Base64UrlEncoder.Encode(publicKey.Exponent),
                ["endorsements"] = new JsonArray("msteams"),
            }),
        }.ToJsonString(), "application/json"));
        await channel.StartAsync();
        var baseUrl = channel.Urls.Single();

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = "bench-secret",
            ["Teams:TenantId"] = "0f3c2a1b-0000-4000-8000-000000000001",
            ["Teams:OpenIdMetadataUrl"] = baseUrl + "/v1/.well-known/openidconfiguration",
            ["Teams:AllowLoopbackServiceUrl"] = "true",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddTeams(configuration, new HostingEnvironment { EnvironmentName = Environments.Production, ApplicationName = "bench", ContentRootPath = AppContext.BaseDirectory })
            .BuildServiceProvider();
        var validatorType = Internals.Type("DeliberationBot.Teams", "DeliberationBot.Teams.Auth.ChannelTokenValidator");
        var validator = services.GetRequiredService(validatorType);
        var validate = Internals.Bind<Func<string?, CancellationToken, object>>(validatorType, "ValidateAsync", validator);

        var now = TimeProvider.System.GetUtcNow();
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = AppId,
            IssuedAt = now.AddMinutes(-1).UtcDateTime,
            NotBefore = now.AddMinutes(-1).UtcDateTime,
            Expires = now.AddHours(1).UtcDateTime,
            Subject = new ClaimsIdentity([new Claim("serviceurl", "https://smba.trafficmanager.net/teams/"), new Claim("appid", "bot-framework-channel")]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        return new LocalChannelKeys(channel, services, validate, "Bearer " + token);
    }

    /// <summary>Validates the token (the adapter's Task&lt;TokenCheck&gt;).</summary>
    public Task ValidateAsync() => (Task)_validate(_authorization, CancellationToken.None);

    /// <summary>Null when the token is valid, else why not.</summary>
    public async Task<string?> FailureAsync()
    {
        var validation = ValidateAsync();
        await validation;
        return (string?)Internals.Property(Internals.Property(validation, "Result")!, "Failure");
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _channel.DisposeAsync();
    }
}
