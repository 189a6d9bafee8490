using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound.Payloads;
using DeliberationBot.Slack.Interactivity;

namespace DeliberationBot.Slack.Inbound;

/// <summary>Interactivity payloads: block actions (buttons, selects) through the action router, and modal submissions.</summary>
internal sealed class InteractionHandler(ActionRouter actions, ViewSubmissionHandler views, SlackLog log)
{
    public Task<SlackAck> HandleAsync(InteractionPayload payload, CancellationToken ct) => payload.Type switch
    {
        "block_actions" => actions.RouteAsync(SlackAction.From(payload), ct),
        "view_submission" => views.HandleAsync(payload, ct),
        var other => Ignore(other),
    };

    public static Actor ActorOf(InteractionPayload payload)
    {
        var team = SlackPayload.Required(payload.TeamId, "interaction team");
        var user = SlackPayload.Required(payload.User.Id, "interaction user");
        return new Actor(SlackChannel.Name, team, new UserRef(user, payload.User.Username ?? payload.User.Name));
    }

    /// <summary>view_closed, block_suggestion, shortcuts and kinds we don't know are acknowledged and left alone.</summary>
    private Task<SlackAck> Ignore(string type)
    {
        log.Ignored("interaction", type);
        return Task.FromResult(SlackAck.Empty);
    }
}
