using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DeliberationBot.Teams.Auth;

/// <summary>What a verified token vouches for; the activity must then match it (<see cref="ChannelTokenValidator.Binds"/>).</summary>
internal sealed record ChannelIdentity(string? ServiceUrl, IReadOnlySet<string> Endorsements, string? AppId);

internal sealed record TokenCheck(ChannelIdentity? Identity, string? Failure)
{
    public static TokenCheck Fail(string reason) => new(null, reason);
}

/// <summary>
/// Validates the bearer token of a request from the Bot Framework channel (Azure Bot Service), as the Bot Framework
/// SDK's ChannelValidation and JwtTokenExtractor do: exactly "Bearer ", an RS256/384/512 signature by a key of the
/// channel's JWKS, the channel issuer, audience = our App ID, and nbf/exp with 5 minutes of clock skew. The endorsement
/// and serviceurl checks need the activity, so they follow in <see cref="Binds"/>.
/// </summary>
internal sealed class ChannelTokenValidator(SigningKeys keys, IOptions<TeamsOptions> options, TimeProvider time)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly HashSet<string> Algorithms = new(StringComparer.Ordinal)
    {
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
    };

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<TokenCheck> ValidateAsync(string? authorization, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return TokenCheck.Fail("no Authorization header");
        }

        // The SDK compares the scheme case-sensitively; so do we.
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length == 7 || authorization.IndexOf(' ', 7) >= 0)
        {
            return TokenCheck.Fail("Authorization is not 'Bearer <token>'");
        }

        var raw = authorization[7..];
        if (!_handler.CanReadToken(raw))
        {
            return TokenCheck.Fail("the bearer token is not a JWT");
        }

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return TokenCheck.Fail("the bearer token is not a JWT");
        }

        if (!Algorithms.Contains(jwt.Alg))
        {
            return TokenCheck.Fail($"algorithm '{jwt.Alg}' is not RS256, RS384 or RS512");
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return TokenCheck.Fail("the token names no signing key (kid)");
        }

        var key = await keys.FindAsync(jwt.Kid, ct);
        if (key is null)
        {
            return TokenCheck.Fail($"signing key '{jwt.Kid}' is not among the channel's keys");
        }

        var opts = options.Value;
        var result = await _handler.ValidateTokenAsync(raw, new TokenValidationParameters
        {
            ValidIssuer = opts.Endpoints.ChannelIssuer,
            ValidAudience = opts.AppId,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false, // the key comes from the channel's own JWKS; its lifetime is not in question
            ValidateLifetime = false, // checked below against the injected clock
            RequireExpirationTime = true,
            TryAllIssuerSigningKeys = false,
        });
        if (!result.IsValid)
        {
            return TokenCheck.Fail(result.Exception?.GetType().Name switch
            {
                nameof(SecurityTokenInvalidIssuerException) => "wrong issuer",
                nameof(SecurityTokenInvalidAudienceException) => "wrong audience",
                nameof(SecurityTokenInvalidSignatureException) or nameof(SecurityTokenSignatureKeyNotFoundException) => "bad signature",
                var other => other ?? "invalid token",
            });
        }

        if (Lifetime(jwt) is { } lifetimeProblem)
        {
            return TokenCheck.Fail(lifetimeProblem);
        }

        jwt.TryGetPayloadValue<string>("serviceurl", out var serviceUrl);
        jwt.TryGetPayloadValue<string>("appid", out var appId);
        return new TokenCheck(new ChannelIdentity(serviceUrl, key.Endorsements, appId), null);
    }

    /// <summary>The activity is the one the token was issued for: its channel is endorsed for the key and its serviceUrl is the token's.</summary>
    public static string? Binds(ChannelIdentity identity, string? channelId, string? serviceUrl)
    {
        if (channelId is null || !identity.Endorsements.Contains(channelId))
        {
            return $"the signing key is not endorsed for channel '{channelId}'";
        }

        if (string.IsNullOrEmpty(identity.ServiceUrl) || !string.Equals(identity.ServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return "the token's serviceurl claim does not match the activity's serviceUrl";
        }

        return null;
    }

    private string? Lifetime(JsonWebToken jwt)
    {
        var now = time.GetUtcNow();
        if (!jwt.TryGetPayloadValue<long>("exp", out var exp))
        {
            return "the token has no expiry";
        }

        if (now > DateTimeOffset.FromUnixTimeSeconds(exp) + ClockSkew)
        {
            return "the token has expired";
        }

        if (jwt.TryGetPayloadValue<long>("nbf", out var nbf) && now + ClockSkew < DateTimeOffset.FromUnixTimeSeconds(nbf))
        {
            return "the token is not valid yet";
        }

        return null;
    }
}
