using DeliberationBot.Teams.Installation;
using Microsoft.AspNetCore.Http;

namespace DeliberationBot.Teams.Inbound;

/// <summary>
/// Hands a verified activity to its handler by type, after refreshing the stored conversation references from it.
/// A bug in a turn is logged with its context; a message then gets 500 (Teams may redeliver, and the delivery key
/// keeps that safe), an invoke an error in its body.
/// </summary>
internal sealed class ActivityRouter(
    ConversationReferences references,
    MessageHandler messages,
    InvokeHandler invokes,
    InstallationHandler installations,
    TeamsLog log)
{
    public async Task<InvokeAnswer> RouteAsync(Turn turn, CancellationToken ct)
    {
        var type = turn.Activity.Type!;
        try
        {
            await references.RememberAsync(turn.Activity, turn.TenantId, ct);
            switch (type)
            {
                case ActivityTypes.Message:
                    await messages.HandleAsync(turn, ct);
                    return Ok;
                case ActivityTypes.MessageUpdate or ActivityTypes.MessageDelete:
                    await messages.ChangedAsync(turn, ct);
                    return Ok;
                case ActivityTypes.Invoke:
                    return await invokes.HandleAsync(turn, ct);
                case ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate:
                    await installations.HandleAsync(turn, ct);
                    return Ok;
                default:
                    log.Ignored(type, "activity type not handled");
                    return Ok;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.TurnFailed(e, type, turn.TenantId, turn.Activity.Id);
            return type == ActivityTypes.Invoke
                ? InvokeHandler.Error(500, "InternalError", "Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.")
                : new InvokeAnswer(StatusCodes.Status500InternalServerError, null);
        }
    }

    private static readonly InvokeAnswer Ok = new(StatusCodes.Status200OK, null);
}
