using DeliberationBot.Core.Concerns;

namespace DeliberationBot.Slack.Concerns;

/// <summary>
/// A concerns message a button was pressed on: where it is, and which it is (an owner's, listing its concerns by
/// number, or the owners' response to the people who raised one), to draw again after the action.
/// </summary>
internal sealed record ConcernMessage(string Channel, string Ts, ConcernMessageShown Shown);
