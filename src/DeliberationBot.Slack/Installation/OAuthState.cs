using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace DeliberationBot.Slack.Installation;

internal enum StateCheck
{
    Valid,
    MissingCookie,
    MissingState,
    Mismatch,
    Expired,
}

/// <summary>
/// The OAuth <c>state</c>: random, and bound to the browser that started the install by a short-lived cookie holding
/// the same value and the time it was issued, protected with Data Protection so it can be neither read nor forged.
/// </summary>
internal sealed class OAuthState(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "slack_oauth_state";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = protection.CreateProtector("DeliberationBot.Slack.OAuthState.v1");

    public (string State, string Cookie) Issue()
    {
        var state = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var issued = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return (state, _protector.Protect($"{state}|{issued}"));
    }

    public StateCheck Check(string? state, string? cookie)
    {
        if (string.IsNullOrEmpty(cookie))
        {
            return StateCheck.MissingCookie;
        }

        if (string.IsNullOrEmpty(state))
        {
            return StateCheck.MissingState;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return StateCheck.Mismatch;
        }

        var bar = payload.LastIndexOf('|');
        if (bar < 0 || !long.TryParse(payload.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
        {
            return StateCheck.Mismatch;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(payload[..bar]), Encoding.UTF8.GetBytes(state)))
        {
            return StateCheck.Mismatch;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        return age > Lifetime || age < -TimeSpan.FromMinutes(1) ? StateCheck.Expired : StateCheck.Valid;
    }
}
