namespace DeliberationBot.Slack.Concerns;

/// <summary>An owner's concerns message (where it is, and the concerns it lists by number), to draw again after they act on one.</summary>
internal sealed record OwnerMessage(string Channel, string Ts, IReadOnlySet<int> Listed);
