using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>An RSA key like the channel's, published in the fake JWKS with its endorsements, that signs test tokens.</summary>
internal sealed class SigningKey(string keyId, params string[] endorsements) : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public string KeyId { get; } = keyId;

    public IReadOnlyList<string> Endorsements { get; } = endorsements;

    public JsonObject Jwk()
    {
        var p = _rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (Endorsements.Count > 0)
        {
            jwk["endorsements"] = new JsonArray([.. Endorsements.Select(e => (JsonNode)e)]);
        }

        return jwk;
    }

    /// <summary>A token as Azure Bot Service issues them; every claim can be bent for a negative test.</summary>
    public string Token(
        string serviceUrl,
        string audience = TeamsTestHost.AppId,
        string issuer = "https://api.botframework.com",
        DateTimeOffset? expires = null,
        DateTimeOffset? notBefore = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        string? keyIdOverride = null)
    {
        var now = TimeProvider.System.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            NotBefore = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl), new Claim("appid", "bot-framework-channel")]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = keyIdOverride ?? KeyId }, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public void Dispose() => _rsa.Dispose();
}
