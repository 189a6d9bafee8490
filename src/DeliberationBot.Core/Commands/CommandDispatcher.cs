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
        if (await deliberations.WasDeliveredAsync(actor, deliveryKey, ct))
        {
            return TurnResult.AlreadyHandled;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (command, error) = CommandParser.Parse(text, mentions, today);
        using var span = BotTelemetry.StartCommand(CommandName(command), actor.Channel);
        if (error is not null)
        {
            return TurnResult.Reply(error);
        }

        return await stale.RunAsync(TurnLanes.Of(conversation), () => RunAsync(command!, actor, conversation, deliveryKey, ct), ct);
    }

    private async Task<TurnResult> RunAsync(Command command, Actor actor, ConversationRef conversation, string deliveryKey, CancellationToken ct)
    {
        return command switch
        {
            StartCommand start => await deliberations.StartAsync(
                actor, conversation,
                new StartRequest(start.FlowId, start.Title, null, start.Owners, start.Due, start.Anonymous ? AnonymityPolicy.AnonymousAllowed : AnonymityPolicy.Named),
                deliveryKey, ct),
            StartFormCommand => TurnResult.Reply(new StartForm(deliberations.Flows())),
            StatusCommand => await deliberations.StatusAsync(actor, conversation, ct),
            RemindCommand => await deliberations.RemindAsync(actor, conversation, deliveryKey, ct),
            CloseCommand => await deliberations.CloseAsync(actor, conversation, deliveryKey, ct),
            ConcernsCommand => await concerns.ReviewAsync(actor, conversation, deliveryKey, ct),
            AddConcernCommand add => await concerns.AddAsync(actor, conversation, add.Text, deliveryKey, ct),
            MergeCommand merge => await concerns.MergeAsync(actor, conversation, merge.Into, merge.From, deliveryKey, ct),
            SuggestionCommand s => await WithLatestAsync(actor, conversation, id => suggestions.SettleAsync(actor, id, s.Number, s.Confirm, deliveryKey, ct), ct),
            DecideCommand decide => await WithLatestAsync(actor, conversation, id => decisions.DecideAsync(actor, id, decide.Outcome, decide.Rationale, deliveryKey, ct), ct),
            ConditionCommand condition => await WithLatestAsync(actor, conversation, id => decisions.AddConditionAsync(actor, id, condition.Text, condition.Owner, condition.Due, deliveryKey, ct), ct),
            DigestCommand { Action: DigestAction.Subscribe } digest => await digests.SubscribeAsync(actor, conversation, digest.Day, digest.Time, deliveryKey, ct),
            DigestCommand { Action: DigestAction.Unsubscribe } => await digests.UnsubscribeAsync(actor, deliveryKey, ct),
            DigestCommand => await digests.PreviewAsync(actor, ct),
            ExportCommand => await WithLatestAsync(actor, conversation, id => exports.IssueAsync(actor, id, ct), ct),
            ReportCommand { Revoke: false } => await WithLatestAsync(actor, conversation, id => reports.IssueAsync(actor, id, ct), ct),
            ReportCommand report => await WithLatestAsync(actor, conversation, id => reports.RevokeAsync(actor, id, report.Only, deliveryKey, ct), ct),
            InviteCommand invite => await WithLatestAsync(actor, conversation, id => invitations.InviteAsync(actor, id, invite.Languages, invite.Until, invite.MaxPeople, deliveryKey, ct), ct),
            InviteContactsCommand => await WithLatestAsync(actor, conversation, id => invitations.ContactsAsync(actor, id, ct), ct),
            InviteStateCommand change => await WithLatestAsync(actor, conversation, id => invitations.ChangeStateAsync(actor, id, change.To, deliveryKey, ct), ct),
            FlowsCommand => TurnResult.Reply(new FlowList(deliberations.Flows())),
            HelpCommand => TurnResult.Reply(new HelpMessage(Usage.All)),
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
