using System.Net;
using System.Text.Json.Nodes;
using DeliberationBot.Teams.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace DeliberationBot.Teams.Tests.Auth;

/// <summary>Every way a token can be wrong gets 401, and nothing is stored or sent (protocols.md A.2).</summary>
public sealed class InboundAuthTests : HostTest
{
    private JsonObject Help(string? serviceUrl = null, string channelId = "msteams")
    {
        var activity = Activities.Message(serviceUrl ?? ServiceUrl, Person.Fiona, Chat.Personal(Person.Fiona), "help");
        activity["channelId"] = channelId;
        return activity;
    }

    [Fact]
    public async Task A_valid_token_is_accepted_and_the_turn_runs()
    {
        using var response = await Host.PostAsync(Help());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await Host.SentAsync());
        Assert.Contains("What I can do", reply.CardText, StringComparison.Ordinal);
        Assert.Equal(1, await Db.CountAsync("outbox"));
        Assert.NotNull(await Host.References.FindConversationAsync(Activities.Tenant, Chat.Personal(Person.Fiona).Id, CancellationToken.None));
    }

    public static TheoryData<string> BadTokens => ["wrong issuer", "wrong audience", "expired", "bad signature", "not yet valid", "HS256", "unknown key"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_gets_401_and_nothing_happens(string what)
    {
        var now = TimeProvider.System.GetUtcNow();
        using var impostor = new SigningKey(Host.Key.KeyId, "msteams");
        var token = what switch
        {
            "wrong issuer" => Host.Key.Token(ServiceUrl, issuer: "https://sts.windows.net/someone/"),
            "wrong audience" => Host.Key.Token(ServiceUrl, audience: Guid.NewGuid().ToString()),
            "expired" => Host.Key.Token(ServiceUrl, expires: now.AddMinutes(-6), notBefore: now.AddHours(-1)),
            "not yet valid" => Host.Key.Token(ServiceUrl, notBefore: now.AddMinutes(6), expires: now.AddHours(1)),
            "bad signature" => impostor.Token(ServiceUrl),
            "unknown key" => new SigningKey("never-published", "msteams").Token(ServiceUrl),
            _ => HmacToken(),
        };

        await AssertRefusedAsync(Help(), token);
    }

    [Fact]
    public async Task Clock_skew_of_up_to_five_minutes_is_tolerated()
    {
        var now = TimeProvider.System.GetUtcNow();
        using var response = await Host.PostAsync(Help(), Host.Key.Token(ServiceUrl, expires: now.AddMinutes(-4), notBefore: now.AddHours(-1)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_key_not_endorsed_for_the_activitys_channel_gets_401()
    {
        using var slackOnly = new SigningKey("slack-only", "slack");
        Fake.PublishedKeys.Add(slackOnly);
        await AssertRefusedAsync(Help(), slackOnly.Token(ServiceUrl));

        // The Teams key is endorsed for msteams only: an activity claiming another channel is refused too.
        await AssertRefusedAsync(Help(channelId: "webchat"), Host.Token());
    }

    [Fact]
    public async Task A_token_for_another_service_url_gets_401()
    {
        var token = Host.Key.Token("https://smba.trafficmanager.net/emea/");
        await AssertRefusedAsync(Help(), token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bearer {0}")]
    [InlineData("Basic {0}")]
    [InlineData("Bearer  {0}")]
    [InlineData("Bearer")]
    public async Task Without_exactly_Bearer_and_a_token_the_request_gets_401(string header)
    {
        var value = string.Format(System.Globalization.CultureInfo.InvariantCulture, header, Host.Token());
        if (value.Length == 0)
        {
            await AssertRefusedAsync(Help(), "");
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(Help().ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", value);
        using var response = await Host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    private async Task AssertRefusedAsync(JsonObject activity, string token)
    {
        using var response = await Host.PostAsync(activity, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    private async Task AssertNothingHappenedAsync()
    {
        Assert.Equal(0, await Db.StoredRowsAsync());
        Assert.Empty(await Host.SentAsync());
    }

    private static string HmacToken()
    {
        var key = new SymmetricSecurityKey(new byte[32]) { KeyId = "hmac" };
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = TeamsTestHost.AppId,
            Claims = new Dictionary<string, object> { ["serviceurl"] = "x" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
