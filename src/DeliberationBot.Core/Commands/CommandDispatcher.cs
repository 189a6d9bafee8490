using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Exports;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;
using DeliberationBot.Core.Telemetry;

namespace DeliberationBot.Core.Commands;

/// <summary>Parses a command typed on any platform and runs it through the application services.</summary>
public sealed class CommandDispatcher(
    DeliberationService deliberations, ConcernService concerns, DecisionService decisions, SuggestionService suggestions, ExportService exports, DigestService digests,
    ReportService reports, InvitationService invitations, StaleTurns stale, TimeProvider time)
{
    public async Task<TurnResult> HandleAsync(
        Actor actor,
        ConversationRef conversation,
        string text,
        IReadOnlyDictionary<string, UserRef>? mentions,
        string deliveryKey,
        CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (command, error) = CommandParser.Parse(text, mentions, today);
        using var span = BotTelemetry.StartCommand(CommandName(command), actor.Channel);
        if (error is not null)
        {
            return TurnResult.Reply(error);
        }

        // A read changes nothing and records no delivery, so there is nothing to look up for it: a read delivered again
        // is answered again (a reply that goes through the outbox is still queued once, its key deriving from the
        // delivery key). Nor does it wait behind a conversation's stale writes.
        if (Read(command!, actor, conversation, ct) is { } read)
        {
            return await read;
        }

        if (await deliberations.WasDeliveredAsync(actor, deliveryKey, ct))
        {
            return TurnResult.AlreadyHandled;
        }

        return await stale.RunAsync(TurnLanes.Of(conversation), () => WriteAsync(command!, actor, conversation, deliveryKey, ct), ct);
    }

    private Task<TurnResult>? Read(Command command, Actor actor, ConversationRef conversation, CancellationToken ct) => command switch
    {
        StartFormCommand => Task.FromResult(TurnResult.Reply(new StartForm(deliberations.Flows()))),
        StatusCommand => deliberations.StatusAsync(actor, conversation, ct),
        DigestCommand { Action: DigestAction.Preview } => digests.PreviewAsync(actor, ct),
        ExportCommand => WithLatestAsync(actor, conversation, id => exports.IssueAsync(actor, id, ct), ct),
        ReportCommand { Revoke: false } => WithLatestAsync(actor, conversation, id => reports.IssueAsync(actor, id, ct), ct),
        InviteContactsCommand => WithLatestAsync(actor, conversation, id => invitations.ContactsAsync(actor, id, ct), ct),
        FlowsCommand => Task.FromResult(TurnResult.Reply(new FlowList(deliberations.Flows()))),
        HelpCommand => Task.FromResult(TurnResult.Reply(new HelpMessage(Usage.All))),
        _ => null,
    };

    private async Task<TurnResult> WriteAsync(Command command, Actor actor, ConversationRef conversation, string deliveryKey, CancellationToken ct)
    {
        return command switch
        {
            // A new deliberation, and a digest's subscription, belong to the conversation, whatever thread they were typed in.
            StartCommand start => await deliberations.StartAsync(
                actor, conversation with { InThreadOf = null },
                new StartRequest(start.FlowId, start.Title, null, start.Owners, start.Due, start.Anonymous ? AnonymityPolicy.AnonymousAllowed : AnonymityPolicy.Named),
                deliveryKey, ct),
            RemindCommand => await deliberations.RemindAsync(actor, conversation, deliveryKey, ct),
            CloseCommand => await deliberations.CloseAsync(actor, conversation, deliveryKey, ct),
            ConcernsCommand => await concerns.ReviewAsync(actor, conversation, deliveryKey, ct),
            AddConcernCommand add => await concerns.AddAsync(actor, conversation, add.Text, deliveryKey, ct),
            MergeCommand merge => await concerns.MergeAsync(actor, conversation, merge.Into, merge.From, deliveryKey, ct),
            SuggestionCommand s => await WithLatestAsync(actor, conversation, id => suggestions.SettleAsync(actor, id, s.Number, s.Confirm, deliveryKey, ct), ct),
            DecideCommand decide => await WithLatestAsync(actor, conversation, id => decisions.DecideAsync(actor, id, decide.Outcome, decide.Rationale, deliveryKey, ct), ct),
            ConditionCommand condition => await WithLatestAsync(actor, conversation, id => decisions.AddConditionAsync(actor, id, condition.Text, condition.Owner, condition.Due, deliveryKey, ct), ct),
            DigestCommand { Action: DigestAction.Subscribe } digest => await digests.SubscribeAsync(actor, conversation with { InThreadOf = null }, digest.Day, digest.Time, deliveryKey, ct),
            DigestCommand { Action: DigestAction.Unsubscribe } => await digests.UnsubscribeAsync(actor, deliveryKey, ct),
            ReportCommand report => await WithLatestAsync(actor, conversation, id => reports.RevokeAsync(actor, id, report.Only, deliveryKey, ct), ct),
            InviteCommand invite => await WithLatestAsync(actor, conversation, id => invitations.InviteAsync(actor, id, invite.Languages, invite.Until, invite.MaxPeople, deliveryKey, ct), ct),
            InviteStateCommand change => await WithLatestAsync(actor, conversation, id => invitations.ChangeStateAsync(actor, id, change.To, deliveryKey, ct), ct),
            _ => throw new InvalidOperationException($"Unhandled command {command.GetType().Name}"),
        };
    }

    /// <summary>The command's kind for telemetry ("Status", "Decide"), never its arguments.</summary>
    private static string CommandName(Command? command) => command is null ? "unparsed" : command.GetType().Name.Replace("Command", "", StringComparison.Ordinal);

    private async Task<TurnResult> WithLatestAsync(Actor actor, ConversationRef conversation, Func<Guid, Task<TurnResult>> run, CancellationToken ct)
    {
        var id = await deliberations.LatestIdAsync(actor, conversation, ct);
        return id is null ? TurnResult.Error(TurnSupport.NoneHere, Usage.Start) : await run(id.Value);
    }
}
