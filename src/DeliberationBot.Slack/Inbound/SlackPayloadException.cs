namespace DeliberationBot.Slack.Inbound;

/// <summary>A payload Slack sent that lacks what every payload of its kind has; answered as malformed (400), never retried.</summary>
internal sealed class SlackPayloadException(string message) : Exception(message);
