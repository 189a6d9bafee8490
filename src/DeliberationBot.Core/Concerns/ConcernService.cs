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
        if (d.MayClose(actor.User))
        {
            var commit = new Commit(d.WorkspaceId, deliveryKey) { Concerns = changes.Concerns, Events = changes.Events, Outbox = changes.Outbox };
            if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
            {
                return TurnResult.AlreadyHandled;
            }

            sent = changes.Outbox.Count;
        }

        var list = new ConcernList(d.Id, d.Title, [.. changes.All.Where(c => !c.IsMerged).Select(c => ConcernView.Of(c, flow, []))]);
        return d.MayClose(actor.User)
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

        var (outbox, told) = await AnnouncementsAsync(d, flow, changed, action, actorKey, deliveryKey, ct);
        if (action == ConcernAction.Reopen && !ConcernLifecycle.IsReopened(concern))
        {
            told += await OthersWhoRaisedItAsync(d, flow, changed, actorKey, deliveryKey, outbox, ct);
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

        return TurnResult.Reply(new Confirmation($"Concern #{changed.Number} is now {Describe(changed.Status)}.{told}"));
    }

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
        var commit = new Commit(d.WorkspaceId, deliveryKey)
        {
            Concerns = [merged, source with { Status = ConcernStatus.Merged, MergedInto = target.Number, UpdatedAt = turn.Now }],
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

        return TurnResult.Reply(new Confirmation(
            $"Merged #{from} into #{into}. #{into} now carries {merged.Voices.Count} {(merged.Voices.Count == 1 ? "person's words" : "people's words")}, each as written; the owners see it with \"concerns\"."));
    }

    private static IReadOnlyList<UserRef> RecipientsOf(Deliberation d, Concern c) => c.Owner is { } conditionOwner ? [conditionOwner] : d.Owners;

    /// <summary>
    /// Who hears about a change: raisers when owners respond (privately when named, in the conversation when
    /// anonymous, on the public page when they answered there), owners when raisers accept or reopen. Returns the
    /// messages and a sentence saying who was told.
    /// </summary>
    private async Task<(List<OutboxMessage> Outbox, string Told)> AnnouncementsAsync(
        Deliberation d, FlowDefinition flow, Concern c, ConcernAction action, string actorKey, string deliveryKey, CancellationToken ct)
    {
        var outbox = new List<OutboxMessage>();
        if (action is ConcernAction.Respond or ConcernAction.MarkAddressed or ConcernAction.WontAddress or ConcernAction.CloseWithoutRaisers)
        {
            var view = ConcernView.Of(c, flow, ConcernLifecycle.AllowedFor(c, ConcernLifecycle.Role.Raiser));
            var named = c.Raisers.Where(k => k.StartsWith("user:", StringComparison.Ordinal)).ToList();
            foreach (var raiser in named)
            {
                var user = new UserRef(raiser["user:".Length..]);
                outbox.Add(turn.Outbox(d.WorkspaceId, $"{deliveryKey}/raiser/{user.Id}", Destination.PrivatelyTo(d.Home, user), new ConcernResponseNotice(d.Id, d.Title, view, false)));
            }

            // Someone who answered on the public page has no conversation to read: their page shows the response.
            var unnamed = c.Raisers.Except(named).ToList();
            var onPage = unnamed.Count == 0 ? 0 : (await turn.Store.ListParticipantsAsync(d.WorkspaceId, d.Id, unnamed, ct)).Count(p => p.ViaPublicPage);
            var anonymous = unnamed.Count - onPage;
            if (anonymous > 0)
            {
                outbox.Add(turn.Outbox(d.WorkspaceId, deliveryKey + "/raisers", Destination.To(d.Home), new ConcernResponseNotice(d.Id, d.Title, view, true)));
            }

            var what = action == ConcernAction.CloseWithoutRaisers ? "why it is closed" : "your response";
            var told = (named.Count, anonymous) switch
            {
                (0, 0) => "",
                (_, 0) => $" The {People(named.Count)} who raised it {(named.Count == 1 ? "has" : "have")} been sent {what} privately.",
                (0, _) => $" {Capitalised(what)} is posted in the conversation for the {People(anonymous)} who raised it anonymously.",
                _ => $" Sent privately to {named.Count} of the people who raised it, and posted in the conversation for the {anonymous} who raised it anonymously.",
            };
            if (onPage > 0)
            {
                told += $" The {(onPage == 1 ? "community member" : $"{onPage} community members")} who raised it on the public page can't be sent it: " +
                    $"{(onPage == 1 ? "they read" : "each reads")} {what} on that page when they open their link again{(c.IsAwaitingRaisers ? ", and can accept it or reopen the concern there" : "")}.";
            }

            return (outbox, told);
        }

        if (action is ConcernAction.Accept or ConcernAction.Reopen)
        {
            // What changed since the owners last had it (words given on reopening) is marked, as in any notice of news.
            var actions = ConcernLifecycle.AllowedFor(c, ConcernLifecycle.Role.Owner);
            var view = (c.IsNewsToOwners ? ConcernView.ForOwners(c, flow, actions) : ConcernView.Of(c, flow, actions)) with
            {
                Happened = RaisersAnswer(c, action, actorKey),
            };
            var owners = c.Owner is { } o ? [o] : d.Owners;
            foreach (var owner in owners)
            {
                outbox.Add(turn.OwnerNotice(d, owner, deliveryKey, [view]));
            }

            return (outbox, $" {string.Join(", ", owners.Select(x => x.Display))} {(owners.Count == 1 ? "has" : "have")} been told.");
        }

        return (outbox, "");
    }

    /// <summary>
    /// The first reopening of a concern, to the others who raised it: their concern is open again, in the words of
    /// whoever reopened it, and they may add their own reasons. Those who raised it by name are told privately (an
    /// earlier notice of theirs may still offer Accept; this one says where it stands now). Those who raised it
    /// anonymously read the owners' response in the conversation, so they are told there, unless the one who reopened
    /// it is one of them: they pressed Reopen on that notice, which is then drawn again for everyone. People who answered
    /// on the public page read it there. Returns what the person who reopened it is told.
    /// </summary>
    private async Task<string> OthersWhoRaisedItAsync(
        Deliberation d, FlowDefinition flow, Concern c, string actorKey, string deliveryKey, List<OutboxMessage> outbox, CancellationToken ct)
    {
        var name = c.Voices.FirstOrDefault(v => v.RaiserKey == actorKey)?.Name;
        var others = c.Raisers.Where(k => k != actorKey && k.StartsWith("user:", StringComparison.Ordinal)).ToList();
        foreach (var raiser in others)
        {
            List<ConcernAction> actions = c.Voices.Any(v => v.RaiserKey == raiser && v.Reopening) ? [] : [ConcernAction.Reopen];
            var user = new UserRef(raiser["user:".Length..]);
            outbox.Add(turn.Outbox(d.WorkspaceId, $"{deliveryKey}/co-raiser/{user.Id}", Destination.PrivatelyTo(d.Home, user),
                new ConcernResponseNotice(d.Id, d.Title, ConcernView.Of(c, flow, actions), false) { ReopenedBy = name is null ? "someone who raised it anonymously" : $"{name}, who raised it too" }));
        }

        var told = others.Count == 0 ? "" : $" So {(others.Count == 1 ? "has the other person" : $"have the {others.Count} other people")} who raised it by name.";
        var unnamed = c.Raisers.Where(k => !k.StartsWith("user:", StringComparison.Ordinal)).ToList();
        var participants = unnamed.Count == 0 ? [] : await turn.Store.ListParticipantsAsync(d.WorkspaceId, d.Id, unnamed, ct);
        var inConversation = participants.Where(p => !p.ViaPublicPage).Select(p => p.Key).ToList();
        if (inConversation.Contains(actorKey) || inConversation.Count == 0)
        {
            return told;
        }

        var onPage = participants.Any(p => p.Key == actorKey);
        outbox.Add(turn.Outbox(d.WorkspaceId, deliveryKey + "/co-raisers", Destination.To(d.Home),
            new ConcernResponseNotice(d.Id, d.Title, ConcernView.Of(c, flow, [ConcernAction.Reopen]), true)
            {
                ReopenedBy = name is not null ? $"{name}, one of the people who raised it" : onPage ? "one of the people who raised it on the public page" : "one of the people who raised it",
            }));
        return told + $" It is posted in the conversation for the {(inConversation.Count == 1 ? "person" : $"{inConversation.Count} people")} who raised it anonymously.";
    }

    /// <summary>
    /// What the owners are told a raiser did: who, by name only if they answered by name, and where that leaves the
    /// concern. "Ana reopened it: your response did not settle it for them."
    /// </summary>
    private static string RaisersAnswer(Concern c, ConcernAction action, string actorKey)
    {
        var name = c.Voices.FirstOrDefault(v => v.RaiserKey == actorKey)?.Name;
        return (action, c.Status) switch
        {
            (ConcernAction.Reopen, _) => $"{name ?? "One of the people who raised it"} reopened it: your response did not settle it for them.",
            (_, ConcernStatus.Resolved) when c.Raisers.Count == 1 && name is not null => $"{name}, who raised it, accepted your response: the concern is settled.",
            (_, ConcernStatus.Resolved) => "Everyone who raised it accepted your response: the concern is settled.",
            _ => $"{c.AcceptedBy.Count} of the {c.Raisers.Count} people who raised it accepted your response; the concern is settled once all of them have.",
        };
    }

    private static string People(int n) => n == 1 ? "person" : $"{n} people";

    private static string Capitalised(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    public static string Describe(ConcernStatus status) => status switch
    {
        ConcernStatus.Open => "open",
        ConcernStatus.Acknowledged => "acknowledged",
        ConcernStatus.Addressed => "addressed, waiting for the people who raised it to accept",
        ConcernStatus.WontAddress => "marked won't address, waiting for the people who raised it to accept",
        ConcernStatus.Resolved => "resolved",
        ConcernStatus.Merged => "merged into another concern",
        _ => "closed by the facilitator",
    };
}
