using System.ComponentModel.DataAnnotations;
using DeliberationBot.Core.Settings;

namespace DeliberationBot.Slack;

/// <summary>
/// The "Slack" configuration section. Slack is enabled by a bot token (one workspace) or an OAuth client id
/// (distribution to many); once enabled, the signing secret is required.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    public string? SigningSecret { get; set; }

    /// <summary>Single-workspace mode: the Bot User OAuth Token (xoxb-…).</summary>
    [RegularExpression("^xoxb-.*", ErrorMessage = "Slack:BotToken must be a bot token starting with 'xoxb-' (Slack app settings → OAuth & Permissions → Bot User OAuth Token).")]
    public string? BotToken { get; set; }

    /// <summary>Socket Mode: an app-level token (xapp-…) with connections:write.</summary>
    [RegularExpression("^xapp-.*", ErrorMessage = "Slack:AppToken must be an app-level token starting with 'xapp-' (Slack app settings → Basic Information → App-Level Tokens, scope connections:write).")]
    public string? AppToken { get; set; }

    /// <summary>Distribution to many workspaces (OAuth v2 install): the app's Client ID, with <see cref="ClientSecret"/>.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Where /api/slack/install sends the browser (tests point it elsewhere).</summary>
    [Required(ErrorMessage = "Slack:OAuthAuthorizeUrl must be an absolute http(s) URL such as https://slack.com/oauth/v2/authorize.")]
    [HttpUrl("Slack:OAuthAuthorizeUrl", "https://slack.com/oauth/v2/authorize")]
    public string OAuthAuthorizeUrl { get; set; } = "https://slack.com/oauth/v2/authorize";

    /// <summary>
    /// The OAuth redirect URL registered in the app (…/api/slack/oauth/callback). When empty it is derived from the
    /// install request, which is right unless a proxy changes the scheme or host.
    /// </summary>
    [HttpUrl("Slack:RedirectUrl", "https://bot.example.org/api/slack/oauth/callback", ErrorMessage = "It must end in /api/slack/oauth/callback, as registered under OAuth & Permissions → Redirect URLs.")]
    public string? RedirectUrl { get; set; }

    [Required(ErrorMessage = "Slack:ApiBaseUrl must be an absolute http(s) URL such as https://slack.com/api/.")]
    [HttpUrl("Slack:ApiBaseUrl", "https://slack.com/api/")]
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>Inbound bodies larger than this are refused (Slack's own are a few KB).</summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "Slack:MaxBodyBytes must be between 1024 and 16777216.")]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long one Web API call may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:02:00", MinimumIsExclusive = true, ErrorMessage = "Slack:HttpTimeout must be between 0 and 2 minutes, e.g. 00:00:10.")]
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>In-process retries of a Web API call after a transient failure (5xx, network); the outbox retries after that.</summary>
    [Range(0, 10, ErrorMessage = "Slack:TransientRetries must be between 0 and 10.")]
    public int TransientRetries { get; set; } = 2;

    /// <summary>Spread calls to each method over the minute, to Slack's published tiers, instead of waiting for 429s.</summary>
    public bool PaceCalls { get; set; } = true;

    /// <summary>First back-off of those retries; doubled each time, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30", ErrorMessage = "Slack:TransientRetryDelay must be between 0 and 30 seconds.")]
    public TimeSpan TransientRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken) || !string.IsNullOrWhiteSpace(ClientId);

    public bool SocketMode => Enabled && !string.IsNullOrWhiteSpace(AppToken);

    public bool OAuth => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>The API base as a URI ending in a slash, so that relative method names resolve under it.</summary>
    public Uri ApiBaseUri() => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/", UriKind.Absolute);
}
