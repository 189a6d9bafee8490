using System.Text.Json.Nodes;
using DeliberationBot.Slack.Inbound.Payloads;

namespace DeliberationBot.Slack.Inbound;

/// <summary>
/// The one place both transports (HTTP and Socket Mode) hand verified payloads to. A bug in a turn is logged with its
/// context and answered so that Slack can retry (events, modals) or the person sees a short apology (commands).
/// </summary>
internal sealed class SlackDispatcher(CommandHandler commands, InteractionHandler interactions, EventCallbackHandler events, SlackLog log)
{
    public Task<SlackAck> CommandAsync(SlashCommand command, CancellationToken ct) =>
        GuardAsync("slash command", command.TeamId, () => commands.HandleAsync(command, ct), Apology);

    public Task<SlackAck> InteractionAsync(InteractionPayload payload, CancellationToken ct) =>
        GuardAsync(payload.Type, payload.TeamId, () => interactions.HandleAsync(payload, ct), SlackAck.Failed);

    /// <summary>An Events API body: the url_verification challenge, or an event_callback.</summary>
    public Task<SlackAck> EventAsync(EventsApiBody body, CancellationToken ct) => body.Type switch
    {
        "url_verification" => Task.FromResult(SlackAck.Json(new JsonObject { ["challenge"] = SlackPayload.Required(body.Challenge, "challenge") })),
        "event_callback" => GuardAsync("event", body.TeamId, () => events.HandleAsync(body, ct), SlackAck.Failed),
        var other => Ignore(other),
    };

    private Task<SlackAck> Ignore(string type)
    {
        log.Ignored("events API body", type);
        return Task.FromResult(SlackAck.Empty);
    }

    private async Task<SlackAck> GuardAsync(string kind, string? teamId, Func<Task<SlackAck>> turn, SlackAck onFailure)
    {
        try
        {
            return await turn();
        }
        catch (SlackPayloadException)
        {
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.TurnFailed(e, kind, teamId);
            return onFailure;
        }
    }

    private static readonly SlackAck Apology = SlackAck.Json(new JsonObject
    {
        ["response_type"] = "ephemeral",
        ["text"] = "Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.",
    });
}
