using System.Text.Json;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Interactivity;

namespace DeliberationBot.Slack.Inbound;

/// <summary>Interactivity payloads: block actions (buttons, selects) through the action router, and modal submissions.</summary>
internal sealed class InteractionHandler(ActionRouter actions, ViewSubmissionHandler views, SlackLog log)
{
    public Task<SlackAck> HandleAsync(JsonElement payload, CancellationToken ct) => payload.Str("type") switch
    {
        "block_actions" => actions.RouteAsync(SlackAction.From(payload), ct),
        "view_submission" => views.HandleAsync(payload, ct),
        "view_closed" or "block_suggestion" or "shortcut" or "message_action" => Ignore(payload.Str("type")!),
        null => throw new SlackPayloadException("interactivity payload without type"),
        var other => Ignore(other),
    };

    public static Actor ActorOf(JsonElement payload)
    {
        var team = payload.Str("team", "id") ?? payload.Str("user", "team_id") ?? throw new SlackPayloadException("interaction without team");
        var user = payload.Required("user", "id");
        return new Actor(SlackChannel.Name, team, new UserRef(user, payload.Str("user", "username") ?? payload.Str("user", "name")));
    }

    private Task<SlackAck> Ignore(string type)
    {
        log.Ignored("interaction", type);
        return Task.FromResult(SlackAck.Empty);
    }
}
