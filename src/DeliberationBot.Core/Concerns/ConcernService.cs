using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Privacy;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Core.Concerns;

/// <summary>Concerns after the answers: review, the owners' responses, the raisers' acceptance, merging, the facilitator's closing word.</summary>
public sealed partial class ConcernService(TurnSupport turn, ConcernPublisher publisher, IOptions<GroupSizeOptions> groupSize)
{
    /// <summary>
    /// <c>concerns</c>: everyone sees the list; when the facilitator or an owner asks, the owners are sent the
    /// concerns they have not heard of yet or that changed since.
    /// </summary>
    public async Task<TurnResult> ReviewAsync(Actor actor, ConversationRef conversation, string deliveryKey, CancellationToken ct)
    {
        var d = await turn.FindHereAsync(actor, conversation, includeClosed: true, ct);
        if (d is null)
        {
            return TurnResult.Error(TurnSupport.NoneHere, Usage.Start);
        }

        var flow = await turn.FlowOfAsync(d, ct);
        var changes = publisher.Prepare(d, flow, await ConcernSources.ReadAsync(turn.Store, d, flow, ct), deliveryKey, summaryAnswers: null);
        var sent = 0;
        var decides = d.MayClose(actor.User);
        if (decides)
        {
            var commit = new Commit(d.WorkspaceId, deliveryKey) { Concerns = changes.Concerns, Events = changes.Events, Outbox = changes.Outbox };
            if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
            {
                return TurnResult.AlreadyHandled;
            }

            sent = changes.Outbox.Count;
        }

        // Anyone else reads them as the page shows participants: every person's words, and names only for the people who decide.
        var list = new ConcernList(d.Id, d.Title, [.. changes.All.Where(c => !c.IsMerged).Select(c => decides ? ConcernView.Of(c, flow, []) : ConcernView.InConversation(c, flow, []))]);
        return decides
            ? TurnResult.Reply(list, new Confirmation(sent == 0
                ? "The owners have already heard of every concern as it stands; nothing was sent again."
                : $"Sent what is new or changed to {sent} {(sent == 1 ? "person" : "people")} (owners, and you to close any without their raisers)."))
            : TurnResult.Reply(list);
    }

    /// <summary>An owner's, raiser's or facilitator's action on one concern. A button pressed on a stale message changes nothing.</summary>
    public async Task<TurnResult> ActAsync(Actor actor, Guid concernId, ConcernAction action, string? text, string deliveryKey, CancellationToken ct)
    {
        if (await turn.Store.WasDeliveredAsync(actor.WorkspaceId, deliveryKey, ct))
        {
            return TurnResult.AlreadyHandled;
        }

        // Two people acting on one concern at once (an owner responding as a raiser accepts) both count.
        return await turn.AgainWhenStaleAsync(TurnLanes.Of(concernId), () => ApplyAsync(actor, concernId, action, text, deliveryKey, ct), ct);
    }

    private async Task<TurnResult> ApplyAsync(Actor actor, Guid concernId, ConcernAction action, string? text, string deliveryKey, CancellationToken ct)
    {
        var allowed = await AllowedAsync(actor, concernId, action, ct);
        if (allowed is not { Concern: { } concern, Deliberation: { } d, Flow: { } flow, ActorKey: { } actorKey })
        {
            return allowed.Refusal!;
        }

        var role = allowed.Role;
        var (changed, error) = ConcernLifecycle.Apply(concern, action, actorKey, text, turn.Now);
        if (changed is null)
        {
            return TurnResult.Error(error!);
        }

        if (action is ConcernAction.Respond or ConcernAction.MarkAddressed or ConcernAction.WontAddress)
        {
            // The response is someone's words: the people who raised it, the leaders and the record read whose, by the
            // name the deliberation knows its owners by (a button press may carry only a handle).
            var named = concern.Owner?.Id == actor.User.Id ? concern.Owner : d.Owners.FirstOrDefault(o => o.Id == actor.User.Id);
            changed = changed with { RespondedBy = named ?? actor.User };
        }

        var (outbox, told) = await AnnouncementsAsync(d, flow, changed, action, actorKey, deliveryKey, ct);
        if (action == ConcernAction.Reopen && !ConcernLifecycle.IsReopened(concern))
        {
            told += await OthersWhoRaisedItAsync(d, flow, changed, actorKey, deliveryKey, outbox, ct);
        }

        // A condition is the decision's: the conversation that read the decision hears whether it is met.
        if (ConcernLifecycle.ConditionChangeOf(concern, changed) is { } change && d.Decision is { } decision)
        {
            outbox.Add(turn.Outbox(d.WorkspaceId, deliveryKey + "/condition", Destination.To(d.Home),
                new ConditionNotice(d.Id, d.Title, decision.Outcome, ConcernView.Of(changed, flow, [])) { Change = change }));
            told += ConditionPosted;
        }

        // The owners know of a change they made, or that they are told of now.
        changed = role == ConcernLifecycle.Role.Owner || action is ConcernAction.Accept or ConcernAction.Reopen ? changed with { OwnersHeardAt = turn.Now } : changed;
        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Concerns = [changed],
            Events = [new DeliberationEvent(d.Id, ConcernLifecycle.EventType(action), actorKey, concern.QuestionId, $"#{concern.Number}{(text is null ? "" : ": " + text)}", turn.Now)],
            Outbox = outbox,
        };
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        return TurnResult.Reply(new Confirmation($"{changed.Kind.Named(changed.Number)} is now {Describe(changed.Status, changed.Kind, changed.OwnersAnswer, changed.Raisers.Count)}.{told}"));
    }

    /// <summary>Said to the facilitator when what they did to a condition of the decision is posted in the conversation.</summary>
    public const string ConditionPosted = " It is posted in the conversation, as the decision was.";

    /// <summary><c>concern "text"</c>: the facilitator or an owner records a concern of their own, in their words.</summary>
    public async Task<TurnResult> AddAsync(Actor actor, ConversationRef conversation, string text, string deliveryKey, CancellationToken ct)
    {
        var d = await turn.FindHereAsync(actor, conversation, includeClosed: true, ct);
        if (d is null)
        {
            return TurnResult.Error(TurnSupport.NoneHere, Usage.Start);
        }

        if (!d.MayClose(actor.User))
        {
            return TurnResult.Error("Only the facilitator or an owner can record a concern directly. Everyone else: flag your answer as a concern (typing it, start it with \"concern:\").");
        }

        var flow = await turn.FlowOfAsync(d, ct);
        return await RecordNewAsync(actor, d, flow, ConcernKind.Concern, ConcernOrigin.Facilitator, text, null, null, null, deliveryKey, ct);
    }

    /// <summary><c>merge #4 #9</c>: the facilitator folds one concern into another; every person's words are kept.</summary>
    public async Task<TurnResult> MergeAsync(Actor actor, ConversationRef conversation, int into, int from, string deliveryKey, CancellationToken ct)
    {
        var d = await turn.FindHereAsync(actor, conversation, includeClosed: true, ct);
        if (d is null)
        {
            return TurnResult.Error(TurnSupport.NoneHere, Usage.Start);
        }

        if (d.Facilitator.Id != actor.User.Id)
        {
            return TurnResult.Error($"Only the facilitator ({d.Facilitator.Display}) can merge concerns.");
        }

        var concerns = await turn.Store.ListConcernsAsync(d.WorkspaceId, d.Id, ct);
        var target = concerns.FirstOrDefault(c => c.Number == into);
        var source = concerns.FirstOrDefault(c => c.Number == from);
        var problem = (target, source) switch
        {
            _ when into == from => "Name two different concerns: the one to keep first, then the one to merge into it.",
            // Flagged answers are numbered as concerns only when they are sent to the owners (ConcernRoundup).
            _ when concerns.Count == 0 => $"No concern in \"{d.Title}\" has a number yet: flagged answers get theirs when they are sent to the owners (once a day, " +
                "on close, or when you type \"concerns\", which sends them now).",
            (null, _) or (_, null) => $"There is no concern #{(target is null ? into : from)} in \"{d.Title}\". Type \"concerns\" to see their numbers.",
            _ when target.Kind != ConcernKind.Concern || source.Kind != ConcernKind.Concern => "Conditions of a decision can't be merged.",
            _ when target.IsMerged => $"Concern #{into} was already merged into #{target.MergedInto}.",
            _ when source.IsMerged => $"Concern #{from} was already merged into #{source.MergedInto}.",
            _ => null,
        };
        if (problem is not null)
        {
            return TurnResult.Error(problem, Usage.Merge);
        }

        var newRaisers = source!.Raisers.Except(target!.Raisers).ToList();
        var joining = source.Voices.Where(v => !target.Voices.Contains(v)).ToList();
        var merged = target with
        {
            Voices = [.. target.Voices, .. joining],
            VoiceChanges = target.ChangedBy(joining, []),
            Raisers = [.. target.Raisers, .. newRaisers],
            RaisedByGroups = [.. target.RaisedByGroups.Union(source.RaisedByGroups).Order()],
            // A settled concern gains people who have not accepted: it is theirs to accept too.
            Status = newRaisers.Count > 0 && !target.IsUnresolved ? ConcernStatus.Open : target.Status,
            UpdatedAt = turn.Now,
            OwnersHeardAt = null,
        };
        var by = TurnSupport.NamedKey(actor.User.Id);
        // Whoever raised the merged one is told, and sent the response the other waits on, unless they answered on the
        // public page, which shows it.
        var asked = merged.IsAwaitingRaisers && newRaisers.Count > 0;
        var joiners = newRaisers.Count > 0 ? await turn.Store.ListParticipantsAsync(d.WorkspaceId, d.Id, newRaisers, ct) : [];
        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Concerns = [merged, source with { Status = ConcernStatus.Merged, MergedInto = target.Number, UpdatedAt = turn.Now }],
            Outbox = [.. publisher.ResponseForNewRaisers(d, await turn.FlowOfAsync(d, ct), target, merged, key => joiners.Any(p => p.Key == key && p.ViaPublicPage), deliveryKey, mergedFrom: from)],
            Events =
            [
                new DeliberationEvent(d.Id, "concern.merged", by, source.QuestionId, $"#{from} merged into #{into}", turn.Now),
                new DeliberationEvent(d.Id, "concern.merged", by, target.QuestionId, $"#{into} now also carries #{from}", turn.Now),
            ],
        };
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        // People, not voices: an answer to a follow-up, words on reopening, or two concerns of one person's are more of the
        // same person's words. The AI summary's words of a concern it suggested are nobody's.
        var people = merged.Voices.Where(v => !v.Suggested).Select(v => v.RaiserKey).Distinct(StringComparer.Ordinal).Count();
        var carries = people switch
        {
            0 => "the words of both",
            1 => "the words of both, all one person's",
            _ => $"the words of {people} people",
        };
        return TurnResult.Reply(new Confirmation(
            $"Merged #{from} into #{into}. #{into} now carries {carries}, each as written; the owners see it with \"concerns\"." +
            (asked ? $" Whoever raised #{from} is asked whether the owners' response to #{into} settles it for them too."
                : newRaisers.Count > 0 ? $" Whoever raised #{from} is told so." : "")));
    }

    private static IReadOnlyList<UserRef> RecipientsOf(Deliberation d, Concern c) => c.Owner is { } conditionOwner ? [conditionOwner] : d.Owners;

    /// <summary>Where a concern stands, in words; a condition of the decision is met, or not, and waits for the person who set it.</summary>
    /// <param name="answer">The owners' last answer: once it is accepted, whether a condition was met, or a concern won't be addressed.</param>
    /// <param name="raisers">How many people raised it, so that one person is not read as several; unknown reads as several.</param>
    public static string Describe(ConcernStatus status, ConcernKind kind = ConcernKind.Concern, OwnersAnswer? answer = null, int raisers = 2) => status switch
    {
        ConcernStatus.Open => "open",
        ConcernStatus.Acknowledged => "acknowledged",
        ConcernStatus.Addressed when kind == ConcernKind.Condition => "marked met, waiting for the person who set it to accept",
        ConcernStatus.WontAddress when kind == ConcernKind.Condition => "marked won't be met, waiting for the person who set it to accept",
        ConcernStatus.Addressed => $"addressed, waiting for {RaisedBy(raisers)} to accept",
        ConcernStatus.WontAddress => $"marked won't address, waiting for {RaisedBy(raisers)} to accept",
        ConcernStatus.Resolved when kind == ConcernKind.Condition && answer == OwnersAnswer.Addressed => "met",
        ConcernStatus.Resolved when kind.AcceptedAs(answer) is { } accepted => $"resolved ({accepted})",
        ConcernStatus.Resolved => "resolved",
        ConcernStatus.Merged => "merged into another concern",
        _ => "closed by the facilitator",
    };

    private static string RaisedBy(int raisers) => raisers == 1 ? "the person who raised it" : "the people who raised it";
}
