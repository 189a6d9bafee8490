using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Concerns;

/// <summary>Concerns after the answers: review, the owners' responses, the raisers' acceptance, the facilitator's closing word.</summary>
public sealed class ConcernService(TurnSupport turn, ConcernPublisher publisher)
{
    /// <summary>
    /// <c>concerns</c>: everyone sees the list; when the facilitator or an owner asks, the summary is posted and the
    /// owners get their unresolved concerns privately.
    /// </summary>
    public async Task<TurnResult> ReviewAsync(Actor actor, ConversationRef conversation, string deliveryKey, CancellationToken ct)
    {
        var d = await turn.Store.FindLatestAsync(actor.WorkspaceId, conversation.Channel, conversation.ConversationId, ct);
        if (d is null)
        {
            return TurnResult.Error(TurnSupport.NoneHere, Usage.Start);
        }

        var flow = await turn.FlowOfAsync(d, ct);
        var existing = await turn.Store.ListConcernsAsync(d.WorkspaceId, d.Id, ct);
        var answers = await turn.Store.ListAnswersAsync(d.WorkspaceId, d.Id, ct);
        var changes = publisher.Prepare(d, flow, existing, answers, deliveryKey);
        if (d.MayClose(actor.User))
        {
            var commit = new Commit(d.WorkspaceId, deliveryKey) { Concerns = changes.Concerns, Events = changes.Events, Outbox = changes.Outbox };
            if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
            {
                return TurnResult.AlreadyHandled;
            }
        }

        var all = existing.Where(e => changes.Concerns.All(c => c.Id != e.Id)).Concat(changes.Concerns).OrderBy(c => c.Number);
        return TurnResult.Reply(new ConcernList(d.Id, d.Title, [.. all.Select(c => Item(c, flow))]));
    }

    /// <summary>An owner's, raiser's or facilitator's action on one concern.</summary>
    public async Task<TurnResult> ActAsync(Actor actor, Guid concernId, ConcernAction action, string? text, string deliveryKey, CancellationToken ct)
    {
        if (await turn.Store.WasDeliveredAsync(actor.WorkspaceId, deliveryKey, ct))
        {
            return TurnResult.AlreadyHandled;
        }

        var concern = await turn.Store.FindConcernAsync(actor.WorkspaceId, concernId, ct);
        var loaded = concern is null ? null : await turn.LoadAsync(actor.WorkspaceId, concern.DeliberationId, ct);
        if (concern is null || loaded is not var (d, flow))
        {
            return TurnResult.Error("I can't find that concern here.");
        }

        var named = TurnSupport.NamedKey(actor.User.Id);
        var anonymous = turn.AnonymousKey(actor, d.Id);
        var roles = ConcernLifecycle.RolesOf(concern, d, actor.User.Id, [named, anonymous]);
        var role = roles.FirstOrDefault(r => ConcernLifecycle.AllowedFor(concern, r).Contains(action));
        if (!roles.Any(r => ConcernLifecycle.AllowedFor(concern, r).Contains(action)))
        {
            return TurnResult.Error(NotAllowed(concern, action));
        }

        var actorKey = role == ConcernLifecycle.Role.Raiser ? concern.Raisers.First(k => k == named || k == anonymous) : named;
        var (changed, error) = ConcernLifecycle.Apply(concern, action, actorKey, text, turn.Now);
        if (changed is null)
        {
            return TurnResult.Error(error!);
        }

        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Concerns = [changed],
            Events = [new DeliberationEvent(d.Id, ConcernLifecycle.EventType(action), actorKey, concern.QuestionId, $"#{concern.Number}{(text is null ? "" : ": " + text)}", turn.Now)],
            Outbox = Announcements(d, flow, changed, action, deliveryKey),
        };
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        return TurnResult.Reply(new Confirmation($"Concern #{changed.Number} is now {Describe(changed.Status)}."));
    }

    /// <summary><c>concern "text"</c>: the facilitator or an owner records a concern of their own.</summary>
    public async Task<TurnResult> AddAsync(Actor actor, ConversationRef conversation, string text, string deliveryKey, CancellationToken ct)
    {
        var d = await turn.Store.FindLatestAsync(actor.WorkspaceId, conversation.Channel, conversation.ConversationId, ct);
        if (d is null)
        {
            return TurnResult.Error(TurnSupport.NoneHere, Usage.Start);
        }

        if (!d.MayClose(actor.User))
        {
            return TurnResult.Error("Only the facilitator or an owner can record a concern directly. Everyone else: flag your answer as a concern.");
        }

        var flow = await turn.FlowOfAsync(d, ct);
        return await RecordNewAsync(actor, d, flow, ConcernKind.Concern, ConcernOrigin.Facilitator, text, null, null, null, deliveryKey, ct);
    }

    /// <summary>
    /// The facilitator confirms a concern the summariser only suggested; until then a suggestion is never a concern.
    /// </summary>
    public async Task<TurnResult> ConfirmSuggestionAsync(Actor actor, Guid deliberationId, string text, string? questionId, string deliveryKey, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow))
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        if (d.Facilitator.Id != actor.User.Id)
        {
            return TurnResult.Error($"Only the facilitator ({d.Facilitator.Display}) can confirm a suggested concern.");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > 1000)
        {
            return TurnResult.Error("A suggested concern needs its text (at most 1000 characters).");
        }

        var question = questionId is null ? null : flow.FindQuestion(questionId);
        return await RecordNewAsync(actor, d, flow, ConcernKind.Concern, ConcernOrigin.ConfirmedSuggestion, text.Trim(), question, null, null, deliveryKey, ct);
    }

    /// <summary>The facilitator's decision, once the deliberation is closed.</summary>
    public async Task<TurnResult> DecideAsync(Actor actor, Guid deliberationId, DecisionOutcome outcome, string rationale, string deliveryKey, CancellationToken ct)
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

        if (string.IsNullOrWhiteSpace(rationale))
        {
            return TurnResult.Error("Please give the rationale for the decision.", Usage.Decide);
        }

        var decision = new Decision(outcome, rationale.Trim(), actor.User, turn.Now);
        var conditions = (await turn.Store.ListConcernsAsync(d.WorkspaceId, d.Id, ct)).Where(c => c.Kind == ConcernKind.Condition)
            .Select(c => ConcernView.Of(c, flow, [])).ToList();
        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Deliberation = d with { Decision = decision },
            Events = [new DeliberationEvent(d.Id, "decision.recorded", TurnSupport.NamedKey(actor.User.Id), null, $"{outcome}: {decision.Rationale}", turn.Now)],
            Outbox = [turn.Outbox(d.WorkspaceId, deliveryKey + "/decision", Destination.To(d.Home), new DecisionRecorded(d.Id, d.Title, decision, conditions))],
        };
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        return TurnResult.Reply(new Confirmation(outcome == DecisionOutcome.GoWithConditions
            ? $"Recorded: {outcome.Label()}. Add each condition with: {Usage.Condition}"
            : $"Recorded: {outcome.Label()}."));
    }

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

        return await RecordNewAsync(actor, d, flow, ConcernKind.Condition, ConcernOrigin.Decision, text, null, owner, due, deliveryKey, ct);
    }

    /// <summary>A concern or condition someone records directly; the one who records it is its raiser.</summary>
    private async Task<TurnResult> RecordNewAsync(
        Actor actor, Deliberation d, FlowDefinition flow, ConcernKind kind, ConcernOrigin origin, string text, Question? question, UserRef? owner, DateOnly? due,
        string deliveryKey, CancellationToken ct)
    {
        var existing = await turn.Store.ListConcernsAsync(d.WorkspaceId, d.Id, ct);
        var concern = new Concern(
            Guid.CreateVersion7(turn.Now), d.Id, ConcernSync.NextNumber(existing), kind, origin, question?.SectionId, question?.Id, text, [],
            [TurnSupport.NamedKey(actor.User.Id)], ConcernStatus.Open, null, owner, due, [], turn.Now, turn.Now);
        var recipients = concern.Owner is { } conditionOwner ? [conditionOwner] : d.Owners;
        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Concerns = [concern],
            Events = [new DeliberationEvent(d.Id, concern.Kind == ConcernKind.Condition ? "condition.set" : "concern.raised", TurnSupport.NamedKey(actor.User.Id), null, $"#{concern.Number} {concern.Text}", turn.Now)],
            Outbox = [.. recipients.Select(o => turn.Outbox(d.WorkspaceId, $"{deliveryKey}/owner/{o.Id}", Destination.PrivatelyTo(d.Home, o),
                new OwnerConcerns(d.Id, d.Title, [ConcernView.Of(concern, flow, ConcernLifecycle.AllowedFor(concern, ConcernLifecycle.Role.Owner))])))],
        };
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        return TurnResult.Reply(new Confirmation($"Recorded {(concern.Kind == ConcernKind.Condition ? "condition" : "concern")} #{concern.Number}; {string.Join(", ", recipients.Select(r => r.Display))} will see it."));
    }

    /// <summary>Who hears about a change: raisers when owners respond, owners when raisers accept or reopen.</summary>
    private List<OutboxMessage> Announcements(Deliberation d, FlowDefinition flow, Concern c, ConcernAction action, string deliveryKey)
    {
        var outbox = new List<OutboxMessage>();
        if (action is ConcernAction.MarkAddressed or ConcernAction.WontAddress or ConcernAction.CloseWithoutRaisers)
        {
            var view = ConcernView.Of(c, flow, ConcernLifecycle.AllowedFor(c, ConcernLifecycle.Role.Raiser));
            foreach (var raiser in c.Raisers.Where(k => k.StartsWith("user:", StringComparison.Ordinal)))
            {
                var user = new UserRef(raiser["user:".Length..]);
                outbox.Add(turn.Outbox(d.WorkspaceId, $"{deliveryKey}/raiser/{user.Id}", Destination.PrivatelyTo(d.Home, user), new ConcernResponseNotice(d.Id, d.Title, view, false)));
            }

            if (c.Raisers.Any(k => !k.StartsWith("user:", StringComparison.Ordinal)))
            {
                outbox.Add(turn.Outbox(d.WorkspaceId, deliveryKey + "/raisers", Destination.To(d.Home), new ConcernResponseNotice(d.Id, d.Title, view, true)));
            }
        }
        else if (action is ConcernAction.Accept or ConcernAction.Reopen)
        {
            var view = ConcernView.Of(c, flow, ConcernLifecycle.AllowedFor(c, ConcernLifecycle.Role.Owner));
            foreach (var owner in c.Owner is { } o ? [o] : d.Owners)
            {
                outbox.Add(turn.Outbox(d.WorkspaceId, $"{deliveryKey}/owner/{owner.Id}", Destination.PrivatelyTo(d.Home, owner), new OwnerConcerns(d.Id, d.Title, [view])));
            }
        }

        return outbox;
    }

    private static ConcernItem Item(Concern c, FlowDefinition flow) =>
        new(ConcernView.Of(c, flow, []).SectionTitle ?? "Raised directly", c.QuestionId ?? "", c.Text, c.RaisedByGroups, c.Raisers.Count, c.Origin == ConcernOrigin.FlaggedAnswer)
        {
            Number = c.Number,
            Status = c.Status,
            Response = c.Response,
        };

    private static string NotAllowed(Concern c, ConcernAction action) => action switch
    {
        ConcernAction.Accept or ConcernAction.Reopen when c.IsUnresolved && !c.IsAwaitingRaisers => $"Concern #{c.Number} has no response to accept yet.",
        ConcernAction.Accept or ConcernAction.Reopen => "Only the people who raised this concern can accept or reopen it.",
        ConcernAction.CloseWithoutRaisers => "Only the facilitator can close a concern without the people who raised it.",
        _ when !c.IsUnresolved => $"Concern #{c.Number} is already settled.",
        _ => "Only the proposal's owners can respond to this concern.",
    };

    public static string Describe(ConcernStatus status) => status switch
    {
        ConcernStatus.Open => "open",
        ConcernStatus.Acknowledged => "acknowledged",
        ConcernStatus.Addressed => "addressed, waiting for the people who raised it to accept",
        ConcernStatus.WontAddress => "marked won't address, waiting for the people who raised it to accept",
        ConcernStatus.Resolved => "resolved",
        _ => "closed by the facilitator",
    };
}
