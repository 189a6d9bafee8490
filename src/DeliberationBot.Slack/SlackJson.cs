using System.Text.Encodings.Web;
using System.Text.Json;

namespace DeliberationBot.Slack;

internal static class SlackJson
{
    /// <summary>
    /// Bodies sent to Slack are JSON read by Slack, never HTML: keep &lt; &gt; &amp; readable (in logs and recordings)
    /// instead of \u003C. Safety comes from escaping mrkdwn, not from JSON escaping.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
