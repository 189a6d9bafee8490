using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Concerns;

/// <summary>Who is told of a change to a concern, and in which words: the people who raised it, the owners.</summary>
public sealed partial class ConcernService
{
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
            var actions = ConcernLifecycle.AllowedFor(c, ConcernLifecycle.Role.Raiser);
            var view = ConcernView.Of(c, flow, actions);
            var named = c.Raisers.Where(k => k.StartsWith("user:", StringComparison.Ordinal)).ToList();
            foreach (var raiser in named)
            {
                var user = new UserRef(raiser["user:".Length..]);
                outbox.Add(turn.Outbox(d.WorkspaceId, $"{deliveryKey}/raiser/{user.Id}", Destination.PrivatelyTo(d.Home, user), new ConcernResponseNotice(d.Id, d.Title, view, false)));
            }

            // Someone who answered on the public page has no conversation to read: their page shows the response.
            var (inConversation, fromPage) = await UnnamedRaisersAsync(d, c, ct);
            var (anonymous, onPage) = (inConversation.Count, fromPage.Count);
            if (anonymous > 0)
            {
                outbox.Add(turn.Outbox(d.WorkspaceId, deliveryKey + "/raisers", Destination.To(d.Home),
                    new ConcernResponseNotice(d.Id, d.Title, ConcernView.InConversation(c, flow, actions), true)));
            }

            var what = action == ConcernAction.CloseWithoutRaisers ? "why it is closed" : "your response";
            var told = (named.Count, anonymous) switch
            {
                (0, 0) => "",
                (1, 0) when c.Kind == ConcernKind.Condition => $" {(c.Voices is [{ Name: { } setter }, ..] ? setter + ", who set it," : "The person who set it")} has been sent {what} privately.",
                (_, 0) => $" The {People(named.Count)} who raised it {(named.Count == 1 ? "has" : "have")} been sent {what} privately.",
                (0, _) => $" {Summaries.GroupWords.Capitalised(what)} is posted in the conversation for the {People(anonymous)} who raised it anonymously.",
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
        var others = c.Raisers.Where(k => k != actorKey && k.StartsWith("user:", StringComparison.Ordinal)).ToList();
        foreach (var raiser in others)
        {
            List<ConcernAction> actions = c.Voices.Any(v => v.RaiserKey == raiser && v.Reopening) ? [] : [ConcernAction.Reopen];
            var user = new UserRef(raiser["user:".Length..]);
            outbox.Add(turn.Outbox(d.WorkspaceId, $"{deliveryKey}/co-raiser/{user.Id}", Destination.PrivatelyTo(d.Home, user),
                new ConcernResponseNotice(d.Id, d.Title, ConcernView.Of(c, flow, actions), false) { ReopenedBy = ReopenedByCoRaiser(c, actorKey) }));
        }

        var told = others.Count == 0 ? "" : $" So {(others.Count == 1 ? "has the other person" : $"have the {others.Count} other people")} who raised it by name.";
        var (inConversation, onPage) = await UnnamedRaisersAsync(d, c, ct);
        if (inConversation.Count == 0 || inConversation.Contains(actorKey))
        {
            return told;
        }

        outbox.Add(turn.Outbox(d.WorkspaceId, deliveryKey + "/co-raisers", Destination.To(d.Home),
            new ConcernResponseNotice(d.Id, d.Title, ConcernView.InConversation(c, flow, [ConcernAction.Reopen]), true)
            {
                // Not by name: everyone in the conversation reads it, and a person who raised it by name gave their name for the owners.
                ReopenedBy = onPage.Contains(actorKey) ? "one of the people who raised it on the public page" : "one of the people who raised it",
            }));
        return told + $" It is posted in the conversation for the {(inConversation.Count == 1 ? "person" : $"{inConversation.Count} people")} who raised it anonymously.";
    }

    /// <summary>
    /// Those who raised a concern without their name, by where they read what becomes of it: in the conversation (they
    /// answered anonymously there) or on the public page (they answered there).
    /// </summary>
    private async Task<(IReadOnlyList<string> InConversation, IReadOnlyList<string> OnPage)> UnnamedRaisersAsync(Deliberation d, Concern c, CancellationToken ct)
    {
        var unnamed = c.Raisers.Where(k => !k.StartsWith("user:", StringComparison.Ordinal)).ToList();
        if (unnamed.Count == 0)
        {
            return ([], []);
        }

        var onPage = (await turn.Store.ListParticipantsAsync(d.WorkspaceId, d.Id, unnamed, ct)).Where(p => p.ViaPublicPage).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return ([.. unnamed.Where(k => !onPage.Contains(k))], [.. onPage]);
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
            (_, ConcernStatus.Resolved) when c.Kind == ConcernKind.Condition && name is not null =>
                $"{name}, who set it, accepted {(c.Kind.AcceptedAs(c.OwnersAnswer) is { } accepted ? "that it " + accepted : "your response")}: the condition is settled.",
            (_, ConcernStatus.Resolved) when c.Raisers.Count == 1 && name is not null => $"{name}, who raised it, accepted your response: the concern is settled.",
            (_, ConcernStatus.Resolved) => "Everyone who raised it accepted your response: the concern is settled.",
            _ => $"{c.AcceptedBy.Count} of the {c.Raisers.Count} people who raised it accepted your response; the concern is settled once all of them have.",
        };
    }

    /// <summary>Who reopened a concern, as another person who raised it by name is told: "Ana, who raised it too".</summary>
    private static string ReopenedByCoRaiser(Concern c, string reopenerKey) =>
        c.Voices.FirstOrDefault(v => v.RaiserKey == reopenerKey)?.Name is { } name ? $"{name}, who raised it too" : "someone who raised it anonymously";

    private static string People(int n) => n == 1 ? "person" : $"{n} people";
}
