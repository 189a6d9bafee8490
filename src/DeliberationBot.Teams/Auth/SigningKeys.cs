using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DeliberationBot.Teams.Auth;

/// <summary>A signing key of the channel with the channels it is endorsed for (e.g. "msteams").</summary>
internal sealed record EndorsedKey(string KeyId, JsonWebKey Key, IReadOnlySet<string> Endorsements);

/// <summary>
/// The channel's signing keys: the OpenID metadata document's jwks_uri, fetched and parsed here (the IdentityModel
/// retrievers drop each key's "endorsements"). Cached; fetched again when older than the refresh interval (24 h), and
/// when a token names an unknown key id, at most once per <see cref="TeamsOptions.UnknownKeyRefreshInterval"/>. When a
/// refresh fails the keys already known stay in use.
/// </summary>
internal sealed class SigningKeys(IHttpClientFactory httpFactory, IOptions<TeamsOptions> options, TimeProvider time, TeamsLog log)
{
    public const string HttpClientName = "teams-openid";

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile Snapshot? _snapshot;
    private long _lastAttemptTicks = DateTimeOffset.MinValue.UtcTicks;

    public async Task<EndorsedKey?> FindAsync(string keyId, CancellationToken ct)
    {
        var opts = options.Value;
        if (_snapshot is not { } current || time.GetUtcNow() - current.FetchedAt >= opts.SigningKeyRefreshInterval)
        {
            await RefreshAsync(force: false, ct);
        }

        if (_snapshot?.Keys.TryGetValue(keyId, out var key) == true)
        {
            return key;
        }

        // An unknown key id: the channel may have rotated its keys. Refresh, but not on every bad token.
        if (time.GetUtcNow() - LastAttempt >= opts.UnknownKeyRefreshInterval)
        {
            log.UnknownSigningKey(keyId);
            await RefreshAsync(force: true, ct);
        }

        return _snapshot?.Keys.GetValueOrDefault(keyId);
    }

    private DateTimeOffset LastAttempt => new(Interlocked.Read(ref _lastAttemptTicks), TimeSpan.Zero);

    private async Task RefreshAsync(bool force, CancellationToken ct)
    {
        await _refreshing.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            var opts = options.Value;
            var current = _snapshot;
            var stale = current is null || now - current.FetchedAt >= opts.SigningKeyRefreshInterval;
            var mayTryAgain = current is null || now - LastAttempt >= opts.UnknownKeyRefreshInterval;
            if (!(force || stale) || !mayTryAgain)
            {
                return; // fresh enough, another caller refreshed while we waited, or a failed fetch is too recent
            }

            Interlocked.Exchange(ref _lastAttemptTicks, now.UtcTicks);
            try
            {
                var keys = await FetchAsync(opts.Endpoints.OpenIdMetadataUrl, ct);
                _snapshot = new Snapshot(keys, now);
                log.SigningKeysFetched(keys.Count, opts.Endpoints.OpenIdMetadataUrl);
            }
            catch (Exception e) when ((e is HttpRequestException or JsonException or InvalidDataException or ArgumentException or TaskCanceledException) && !ct.IsCancellationRequested)
            {
                log.SigningKeysFailed(e, opts.Endpoints.OpenIdMetadataUrl, current?.Keys.Count ?? 0);
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, EndorsedKey> Keys, DateTimeOffset FetchedAt);

    private async Task<IReadOnlyDictionary<string, EndorsedKey>> FetchAsync(string metadataUrl, CancellationToken ct)
    {
        var http = httpFactory.CreateClient(HttpClientName);
        using var metadata = JsonDocument.Parse(await http.GetStringAsync(new Uri(metadataUrl), ct));
        var jwksUri = metadata.RootElement.ValueKind == JsonValueKind.Object && metadata.RootElement.TryGetProperty("jwks_uri", out var j) && j.ValueKind == JsonValueKind.String
            ? j.GetString()!
            : throw new InvalidDataException($"the OpenID metadata at {metadataUrl} has no jwks_uri");
        if (!Uri.TryCreate(jwksUri, UriKind.Absolute, out var jwks) || (jwks.Scheme != Uri.UriSchemeHttps && !(jwks.Scheme == Uri.UriSchemeHttp && Loopback.Is(jwks))))
        {
            throw new InvalidDataException($"the jwks_uri '{jwksUri}' is not an https URL");
        }

        using var document = JsonDocument.Parse(await http.GetStringAsync(jwks, ct));
        return Parse(document.RootElement);
    }

    /// <summary>Reads a JWKS document, keeping each key's endorsements.</summary>
    internal static IReadOnlyDictionary<string, EndorsedKey> Parse(JsonElement jwks)
    {
        if (jwks.ValueKind != JsonValueKind.Object || !jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("the JWKS document has no keys array");
        }

        var result = new Dictionary<string, EndorsedKey>(StringComparer.Ordinal);
        foreach (var element in keys.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var endorsements = new HashSet<string>(StringComparer.Ordinal);
            if (element.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                endorsements.UnionWith(list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
            }

            var id = kid.GetString()!;
            result[id] = new EndorsedKey(id, new JsonWebKey(element.GetRawText()), endorsements);
        }

        return result;
    }
}
