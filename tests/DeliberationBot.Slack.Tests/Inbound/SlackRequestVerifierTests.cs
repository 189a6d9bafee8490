using System.Text;
using DeliberationBot.Slack.Inbound;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Slack.Tests.Inbound;

public sealed class SlackRequestVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 8, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("token=x&team_id=T0TEST&command=%2Fdeliberate&text=help");

    private static SlackRequestVerifier Verifier(string? secret = "s3cret") =>
        new(Options.Create(new SlackOptions { SigningSecret = secret }), new FakeTimeProvider(Now));

    private static string Ts(TimeSpan offset) => (Now + offset).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Accepts_the_signature_Slack_computes()
    {
        var ts = Ts(TimeSpan.Zero);
        // Computed independently of the verifier, the way slack-sign.js does.
        var signature = Infrastructure.SlackTestHost.Sign("s3cret", ts, Encoding.UTF8.GetString(Body));
        Assert.Equal(VerifyOutcome.Valid, Verifier().Verify(ts, signature, Body));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-3600)]
    public void Refuses_timestamps_more_than_five_minutes_away(int seconds)
    {
        var ts = Ts(TimeSpan.FromSeconds(seconds));
        var signature = Infrastructure.SlackTestHost.Sign("s3cret", ts, Encoding.UTF8.GetString(Body));
        Assert.Equal(VerifyOutcome.Stale, Verifier().Verify(ts, signature, Body));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(299)]
    public void Accepts_timestamps_within_five_minutes(int seconds)
    {
        var ts = Ts(TimeSpan.FromSeconds(seconds));
        Assert.Equal(VerifyOutcome.Valid, Verifier().Verify(ts, Infrastructure.SlackTestHost.Sign("s3cret", ts, Encoding.UTF8.GetString(Body)), Body));
    }

    [Fact]
    public void Refuses_a_changed_body_a_wrong_secret_and_an_upper_case_signature()
    {
        var ts = Ts(TimeSpan.Zero);
        var good = Infrastructure.SlackTestHost.Sign("s3cret", ts, Encoding.UTF8.GetString(Body));
        Assert.Equal(VerifyOutcome.BadSignature, Verifier().Verify(ts, good, Encoding.UTF8.GetBytes("token=x&team_id=T0EVIL")));
        Assert.Equal(VerifyOutcome.BadSignature, Verifier().Verify(ts, Infrastructure.SlackTestHost.Sign("other", ts, Encoding.UTF8.GetString(Body)), Body));
        Assert.Equal(VerifyOutcome.BadSignature, Verifier().Verify(ts, "v0=" + good[3..].ToUpperInvariant(), Body));
        Assert.Equal(VerifyOutcome.BadSignature, Verifier().Verify(ts, "v0=", Body));
    }

    [Theory]
    [InlineData(null, "v0=abc", nameof(VerifyOutcome.MissingHeaders))]
    [InlineData("1700000000", null, nameof(VerifyOutcome.MissingHeaders))]
    [InlineData("soon", "v0=abc", nameof(VerifyOutcome.BadTimestamp))]
    [InlineData("-5", "v0=abc", nameof(VerifyOutcome.BadTimestamp))]
    public void Refuses_missing_or_malformed_headers(string? ts, string? signature, string expected) =>
        Assert.Equal(Enum.Parse<VerifyOutcome>(expected), Verifier().Verify(ts, signature, Body));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_empty_secret_refuses_everything_instead_of_skipping_the_check(string? secret)
    {
        var ts = Ts(TimeSpan.Zero);
        Assert.Equal(VerifyOutcome.NoSecret, Verifier(secret).Verify(ts, Infrastructure.SlackTestHost.Sign("", ts, Encoding.UTF8.GetString(Body)), Body));
    }
}
