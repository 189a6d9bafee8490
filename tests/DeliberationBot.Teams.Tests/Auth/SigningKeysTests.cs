using System.Text.Json;
using DeliberationBot.Teams.Auth;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Teams.Tests.Auth;

/// <summary>Key caching: fetched once, again after 24 h, and on an unknown key id at most every 5 minutes (protocols.md A.3).</summary>
public sealed class SigningKeysTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private FakeBotFramework _fake = null!;
    private ServiceProvider _services = null!;
    private SigningKeys _keys = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        _fake.PublishedKeys.Add(new SigningKey("first", "msteams", "skype"));
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var options = Options.Create(new TeamsOptions { AppId = TeamsTestHost.AppId, OpenIdMetadataUrl = _fake.MetadataUrl });
        _keys = new SigningKeys(_services.GetRequiredService<IHttpClientFactory>(), options, _time, new TeamsLog(NullLogger<TeamsLog>.Instance));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Keys_keep_their_endorsements()
    {
        var key = await _keys.FindAsync("first", CancellationToken.None);
        Assert.NotNull(key);
        Assert.Equal(["msteams", "skype"], key.Endorsements.Order());
        Assert.Equal("RSA", key.Key.Kty);
    }

    [Fact]
    public async Task Keys_are_cached_and_fetched_again_after_a_day()
    {
        await _keys.FindAsync("first", CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(23));
        await _keys.FindAsync("first", CancellationToken.None);
        Assert.Equal(1, _fake.MetadataRequests);

        _time.Advance(TimeSpan.FromHours(1));
        await _keys.FindAsync("first", CancellationToken.None);
        Assert.Equal(2, _fake.MetadataRequests);
    }

    [Fact]
    public async Task An_unknown_key_id_refreshes_at_most_every_five_minutes()
    {
        await _keys.FindAsync("first", CancellationToken.None);
        _fake.PublishedKeys.Add(new SigningKey("rotated", "msteams"));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await _keys.FindAsync("rotated", CancellationToken.None));
        Assert.Null(await _keys.FindAsync("rotated", CancellationToken.None));
        Assert.Equal(1, _fake.MetadataRequests);

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.NotNull(await _keys.FindAsync("rotated", CancellationToken.None));
        Assert.Equal(2, _fake.MetadataRequests);
    }

    [Fact]
    public void A_jwks_without_keys_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => SigningKeys.Parse(JsonDocument.Parse("""{"nokeys":[]}""").RootElement));
        var parsed = SigningKeys.Parse(JsonDocument.Parse("""{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"},{"kid":"k","kty":"RSA","n":"AQAB","e":"AQAB"}]}""").RootElement);
        Assert.Equal(["k"], parsed.Keys);
        Assert.Empty(parsed["k"].Endorsements);
    }
}
