using System.Text.Json;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Concerns;

/// <summary>The facilitator's decision once a deliberation is closed, its amendments, and the conditions of a "go with conditions".</summary>
public sealed class DecisionService(TurnSupport turn, ConcernService concerns)
{
    public const string Recorded = "decision.recorded";
    public const string Amended = "decision.amended";

    /// <summary>
    /// Records the decision, or amends the one recorded: the channel is told, and the earlier decision stays in the
    /// history. <paramref name="fromButton"/>: the request came from a decision button or card made before any decision,
    /// so when one exists by now it is shown and nothing changes (only a typed <c>decide</c> amends).
    /// </summary>
    public async Task<TurnResult> DecideAsync(Actor actor, Guid deliberationId, DecisionOutcome outcome, string rationale, string deliveryKey, CancellationToken ct, bool fromButton = false)
    {
        if (await turn.Store.WasDeliveredAsync(actor.WorkspaceId, deliveryKey, ct))
        {
            return TurnResult.AlreadyHandled;
        }

        return await turn.AgainWhenStaleAsync(TurnLanes.Of(deliberationId), () => RecordAsync(actor, deliberationId, outcome, rationale, deliveryKey, fromButton, ct), ct);
    }

    private async Task<TurnResult> RecordAsync(Actor actor, Guid deliberationId, DecisionOutcome outcome, string rationale, string deliveryKey, bool fromButton, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        if (d.Facilitator.Id != actor.User.Id)
        {
            return TurnResult.Error($"Only the facilitator ({d.Facilitator.Display}) records the decision.");
        }

        if (d.IsOpen)
        {
            return TurnResult.Error("Close the deliberation first, so the decision rests on everything that was said.", "close");
        }

        if (fromButton && d.Decision is not null)
        {
            return AlreadyDecided(d);
        }

        if (string.IsNullOrWhiteSpace(rationale))
        {
            return TurnResult.Error(Forms.FormTexts.GiveRationale, Usage.Decide);
        }

        var decision = new Decision(outcome, rationale.Trim(), actor.User, turn.Now);
        var all = await turn.Store.ListConcernsAsync(d.WorkspaceId, d.Id, ct);
        var conditions = all.Where(c => c.Kind == ConcernKind.Condition).Select(c => ConcernView.Of(c, flow, [])).ToList();
        var unresolved = all.Where(c => c.Kind == ConcernKind.Concern && c.IsUnresolved).OrderBy(c => c.Number).ToList();
        var previous = d.Decision;
        var posted = new DecisionRecorded(d.Id, d.Title, decision, conditions) { Previous = previous, Unresolved = [.. unresolved.Select(c => c.Number)] };
        var toRaisers = ByNamedRaiser(unresolved, except: actor.User)
            .Select(r => turn.Outbox(d.WorkspaceId, $"{deliveryKey}/decision/raiser/{r.User.Id}", Destination.PrivatelyTo(d.Home, r.User),
                posted with { Yours = [.. r.Concerns.Select(c => ConcernView.Of(c, flow, []))] }))
            .ToList();
        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Deliberation = d with { Decision = decision },
            Events = [new DeliberationEvent(d.Id, previous is null ? Recorded : Amended, TurnSupport.NamedKey(actor.User.Id), null, JsonSerializer.Serialize(decision), turn.Now)],
            Outbox = [turn.Outbox(d.WorkspaceId, deliveryKey + "/decision", Destination.To(d.Home), posted), .. toRaisers, turn.CardUpdate(d with { Decision = decision }, flow, deliveryKey)],
        };
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        var what = previous is null ? "Recorded" : $"Amended (was {previous.Outcome.Label()}; the earlier decision stays in the record)";
        var sentToRaisers = toRaisers.Count == 0 ? "" :
            $" The decision has been sent privately to {(toRaisers.Count == 1 ? "the person" : $"the {toRaisers.Count} people")} who raised " +
            $"{(unresolved.Count == 1 ? "the unresolved concern" : toRaisers.Count == 1 ? "an unresolved concern" : "unresolved concerns")} by name, with what they raised.";
        // The way to add conditions comes last: it ends with what to type.
        return TurnResult.Reply(new Confirmation($"{what}: {outcome.Label()}." + sentToRaisers + await PromisedAsync(d, ct) +
            (outcome == DecisionOutcome.GoWithConditions ? $" Add each condition with: {Usage.Condition}" : "")));
    }

    /// <summary>
    /// The people who raised <paramref name="unresolved"/> by name, each with the ones they raised: they are sent the
    /// decision privately, as the owners' responses are. Those who raised one anonymously read it in the conversation,
    /// and those who answered on the public page read it there. <paramref name="except"/>, who decided, is not sent it.
    /// </summary>
    private static IEnumerable<(UserRef User, IReadOnlyList<Concern> Concerns)> ByNamedRaiser(IReadOnlyList<Concern> unresolved, UserRef except) =>
        unresolved
            .SelectMany(c => c.Raisers.Where(k => k.StartsWith("user:", StringComparison.Ordinal) && k != TurnSupport.NamedKey(except.Id)).Select(k => (Key: k, Concern: c)))
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .Select(g => (new UserRef(g.Key["user:".Length..]), (IReadOnlyList<Concern>)[.. g.Select(r => r.Concern)]));

    /// <summary>
    /// What the decision means for the public page: the people who answered there read it on the page from now on (the
    /// facilitator is told, since the rationale is read outside the agency too, and how to stop it), and each person who
    /// left an address was told "You will hear what was decided", which only the facilitator can keep, so the decision
    /// reminds them how many are waiting and where the addresses are (never the addresses themselves, which stay in
    /// <c>invite contacts</c>).
    /// </summary>
    private async Task<string> PromisedAsync(Deliberation d, CancellationToken ct)
    {
        var shown = await turn.HasPublicPageAsync(d, ct)
            ? " The public page now shows the people who answered there what was decided and why, in these words (\"invite revoke\" stops the page)."
            : "";
        var waiting = (await turn.Store.ListContactsAsync(d.WorkspaceId, d.Id, ct)).Count;
        return waiting == 0 ? shown :
            shown + $" {(waiting == 1 ? "1 person" : $"{waiting} people")} left an address on the public page to hear what was decided: " +
            "type \"invite contacts\" for the list, and let them know.";
    }

    /// <summary>
    /// Pressing "Record the decision": once a decision is recorded, the decision (only a typed <c>decide</c> amends it);
    /// before, the title of the deliberation the form is for (null when it can't be found; the submission says so); and
    /// who will read the rationale.
    /// </summary>
    public async Task<(TurnResult? Decided, string? Title, string WhoReads)> OpenFormAsync(Actor actor, Guid deliberationId, CancellationToken ct)
    {
        var d = await turn.Store.FindAsync(actor.WorkspaceId, deliberationId, ct);
        var whoReads = d is null ? DecisionRequest.WhoReads(publicPage: false) : await WhoReadsAsync(d, ct);
        return d?.Decision is not null ? (AlreadyDecided(d), d.Title, whoReads) : (null, d?.Title, whoReads);
    }

    /// <summary>
    /// The decision form as it stands, to draw it again after a mistake: the concerns unresolved now, and who will read
    /// the rationale. Null when the deliberation is not found.
    /// </summary>
    public async Task<DecisionRequest?> RequestAsync(Actor actor, Guid deliberationId, CancellationToken ct) =>
        await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is var (d, flow)
            ? DecisionRequest.For(d, flow, await turn.Store.ListConcernsAsync(d.WorkspaceId, d.Id, ct), await turn.HasPublicPageAsync(d, ct))
            : null;

    /// <summary>Who will read the rationale, said on the form before it is written: the conversation, and the public page's readers when it has one.</summary>
    private async Task<string> WhoReadsAsync(Deliberation d, CancellationToken ct) =>
        DecisionRequest.WhoReads(await turn.HasPublicPageAsync(d, ct));

    /// <summary>What a decision button pressed after the decision was recorded answers: the decision, and how to amend it.</summary>
    private static TurnResult AlreadyDecided(Deliberation d) => TurnResult.Reply(new ErrorMessage(
        $"The decision on \"{d.Title}\" is already recorded: {d.Decision!.Outcome.Label()} — {d.Decision.Rationale} ({d.Decision.DecidedBy.Display}, {d.Decision.At:yyyy-MM-dd}). Nothing changed. To amend it, type the decide command with the new decision and its rationale.",
        Usage.Decide));

    /// <summary>A condition of the decision, with its owner and due date, tracked like a concern.</summary>
    public async Task<TurnResult> AddConditionAsync(Actor actor, Guid deliberationId, string text, UserRef owner, DateOnly due, string deliveryKey, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        if (d.Facilitator.Id != actor.User.Id)
        {
            return TurnResult.Error($"Only the facilitator ({d.Facilitator.Display}) sets conditions.");
        }

        var draft = await concerns.PrepareNewAsync(actor, d, flow, ConcernKind.Condition, ConcernOrigin.Decision, text, null, owner, due, deliveryKey, ct);
        // Once the decision is posted, the conversation that read it hears each condition it is given, in the same
        // commit; a condition set before the decision is listed in it.
        var recorded = await concerns.CommitNewAsync(d, d.Decision is not { } decision ? draft : number =>
        {
            var (condition, commit) = draft(number);
            var announced = new ConditionNotice(d.Id, d.Title, decision.Outcome, ConcernView.Of(condition, flow, []));
            return (condition, commit with { Outbox = [.. commit.Outbox, turn.Outbox(d.WorkspaceId, deliveryKey + "/condition", Destination.To(d.Home), announced)] });
        }, ct);
        if (recorded.Replies is not [Confirmation confirmation])
        {
            return recorded;
        }

        var told = (d.Decision is null ? "" : ConcernService.ConditionPosted) +
            (await turn.HasPublicPageAsync(d, ct) ? " " + ConditionOnPublicPage : "");
        return TurnResult.Reply(confirmation with { Text = confirmation.Text + told });
    }

    /// <summary>Said to the facilitator setting a condition when the deliberation has a public page, since its readers see it.</summary>
    public const string ConditionOnPublicPage =
        "The public page shows it, with its due date but not its owner, to the people who answered there, with the decision (\"invite revoke\" stops the page).";

    /// <summary>Every decision recorded for a deliberation, oldest first, from its history.</summary>
    public static IReadOnlyList<Decision> History(IEnumerable<DeliberationEvent> events) =>
        [.. events.Where(e => e.Type is Recorded or Amended && e.Data is not null)
            .OrderBy(e => e.At)
            .Select(e => TryRead(e.Data!))
            .OfType<Decision>()];

    private static Decision? TryRead(string data)
    {
        try
        {
            return JsonSerializer.Deserialize<Decision>(data);
        }
        catch (JsonException)
        {
            return null; // decisions recorded before the history kept them whole: the current one is on the deliberation
        }
    }
}
