using System.Text.Json;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Outbound;
using DeliberationBot.Slack.Rendering;

namespace DeliberationBot.Slack.Inbound;

/// <summary>Interactivity payloads: the Answer button (block_actions) and modal submissions (view_submission).</summary>
internal sealed class InteractionHandler(AnsweringService answering, ViewSubmissionHandler views, SlackApiClient api, SlackLog log)
{
    public Task<SlackAck> HandleAsync(JsonElement payload, CancellationToken ct) => payload.Str("type") switch
    {
        "block_actions" => BlockActionsAsync(payload, ct),
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

    private async Task<SlackAck> BlockActionsAsync(JsonElement payload, CancellationToken ct)
    {
        var actor = ActorOf(payload);
        var action = payload.Items("actions").FirstOrDefault();
        if (action.ValueKind != JsonValueKind.Object)
        {
            throw new SlackPayloadException("block_actions without actions");
        }

        if (action.Str("action_id") != SlackIds.AnswerAction)
        {
            log.Ignored("block action", action.Str("action_id") ?? "(none)");
            return SlackAck.Empty;
        }

        if (!Guid.TryParse(action.Str("value"), out var deliberationId))
        {
            throw new SlackPayloadException("answer button without a deliberation id");
        }

        var trigger = payload.Required("trigger_id");
        var result = await answering.OpenAsync(actor, deliberationId, ct);
        if (result.Duplicate || result.Replies.Count == 0)
        {
            return SlackAck.Empty;
        }

        var view = ModalRenderer.Render(result.Replies[0]);
        return SlackAck.Then(async token =>
        {
            var opened = await api.OpenViewAsync(actor.WorkspaceId, trigger, view, token);
            if (!opened.Ok)
            {
                log.ModalNotOpened("answer", actor.WorkspaceId, opened.Error);
            }
        });
    }

    private Task<SlackAck> Ignore(string type)
    {
        log.Ignored("interaction", type);
        return Task.FromResult(SlackAck.Empty);
    }
}
