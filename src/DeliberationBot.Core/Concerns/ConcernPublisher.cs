using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Concerns;

/// <summary>What a commit must carry to bring concerns up to date and put them in front of people.</summary>
public sealed record ConcernChanges(IReadOnlyList<Concern> Concerns, IReadOnlyList<DeliberationEvent> Events, IReadOnlyList<OutboxMessage> Outbox)
{
    /// <summary>Every concern after the changes, in number order.</summary>
    public IReadOnlyList<Concern> All { get; init; } = [];
}

/// <summary>
/// On close, on <c>concerns</c>, each morning (<see cref="ConcernRoundup"/>) and before a digest: concerns are synced from
/// the answers, and each owner gets, privately, the unresolved concerns they have not heard of yet or that changed since,
/// with what they can do about each. On close the summary also goes to the deliberation's conversation.
/// </summary>
public sealed class ConcernPublisher(TurnSupport turn, StaleTurns stale)
{
    /// <param name="summaryAnswers">On close, the answers given in all, for the summary posted in the conversation; null posts none.</param>
    public ConcernChanges Prepare(Deliberation d, FlowDefinition flow, ConcernSources sources, string deliveryKey, int? summaryAnswers)
    {
        var existing = sources.Existing;
        var synced = ConcernSync.FromAnswers(flow, d.Id, existing, sources.Answers, sources.Raisers, turn.Now);
        var all = Merge(existing, synced);
        var events = synced.Where(s => existing.All(e => e.Id != s.Id))
            .Select(c => new DeliberationEvent(d.Id, "concern.raised", null, c.QuestionId, $"#{c.Number} {c.Origin}", turn.Now))
            .ToList();
        var outbox = new List<OutboxMessage>();
        if (summaryAnswers is { } given)
        {
            outbox.Add(turn.Outbox(d.WorkspaceId, deliveryKey + "/summary", Destination.To(d.Home), new SummaryPlaceholder(d.Id, d.Title,
                $"Summary of \"{d.Title}\": {Summaries.GroupWords.Count(given, "answer")}, {Summaries.GroupWords.Count(all.Count(c => c.IsUnresolved), "unresolved concern")}.")));
        }

        // Owners get what they can answer; the facilitator also gets the concerns they may close without the raisers.
        var news = all.Where(c => c.IsNewsToOwners).ToList();
        foreach (var person in d.Owners.Append(d.Facilitator).DistinctBy(u => u.Id))
        {
            var theirs = ForPerson(news, d, flow, person.Id);
            if (theirs.Count > 0)
            {
                outbox.Add(turn.OwnerNotice(d, person, deliveryKey, theirs));
            }
        }

        // People whose answers joined a concern the owners already answered are asked, like the others, whether that settles it.
        var before = existing.ToDictionary(c => c.Id);
        foreach (var c in synced.Where(c => c.IsAwaitingRaisers && before.ContainsKey(c.Id)))
        {
            outbox.AddRange(ResponseForNewRaisers(d, flow, before[c.Id], c, key => sources.Raisers.Any(p => p.Key == key && p.ViaPublicPage), deliveryKey));
        }

        var heard = news.Where(c => c.IsUnresolved).Select(c => c with { OwnersHeardAt = turn.Now }).ToList();
        var changed = Merge(synced, heard);
        return new ConcernChanges(changed, events, outbox) { All = Merge(all, heard) };
    }

    /// <summary>
    /// Makes the concerns the answers raise and, under <paramref name="deliveryKey"/>, stores them with what the owners are
    /// sent of them (what is new or changed since they last heard). Returns every concern as it now stands.
    /// </summary>
    /// <param name="deliveryKey">Under which the changes are committed, once; null to read them only (a preview).</param>
    /// <remarks>
    /// New concerns are numbered after those in <paramref name="sources"/>. When someone records one meanwhile (a
    /// <c>concern</c> command, the facilitator's <c>concerns</c>), the commit is stale: the sources are read again and
    /// the changes worked out anew, in the lane of the conversation's commands (<see cref="StaleTurns"/>), rather than
    /// failing the run and leaving the owners unaware until the next one.
    /// </remarks>
    public async Task<IReadOnlyList<Concern>> PublishAsync(Deliberation d, FlowDefinition flow, ConcernSources sources, string? deliveryKey, CancellationToken ct)
    {
        if (deliveryKey is null)
        {
            return Prepare(d, flow, sources, "preview", summaryAnswers: null).All;
        }

        var tries = 0;
        return await stale.RunAsync(TurnLanes.Of(d.Home), async () =>
        {
            // A try after a stale one reads the record as it now is.
            var now = tries++ == 0 ? sources : await ConcernSources.ReadAsync(turn.Store, d, flow, ct);
            var changes = Prepare(d, flow, now, deliveryKey, summaryAnswers: null);
            if (changes.Concerns.Count > 0)
            {
                await turn.CommitAsync(new Commit(d.WorkspaceId, deliveryKey) { Concerns = changes.Concerns, Events = changes.Events, Outbox = changes.Outbox }, ct);
            }

            return changes.All;
        }, ct);
    }

    /// <summary>
    /// When people join a concern whose response waits for the people who raised it (their answers meet its question's
    /// rule, or the facilitator merged their concern into it), the response they never had, with Accept and Reopen: the
    /// concern is settled only once they accept too. Named people are sent it privately; people who answered anonymously
    /// in the conversation read it there; people who answered on the public page read it on their page (nothing to send).
    /// </summary>
    /// <param name="viaPublicPage">Whether a person who joined answered on the public page.</param>
    /// <param name="mergedFrom">The number of the concern merged into it, when that is how they joined.</param>
    public IEnumerable<OutboxMessage> ResponseForNewRaisers(Deliberation d, FlowDefinition flow, Concern before, Concern after, Func<string, bool> viaPublicPage, string deliveryKey, int? mergedFrom = null)
    {
        // People whose concern was merged in are told so even before the owners respond: the number they knew is gone.
        var joined = after.Raisers.Except(before.Raisers, StringComparer.Ordinal).ToList();
        if ((!after.IsAwaitingRaisers && mergedFrom is null) || joined.Count == 0)
        {
            yield break;
        }

        var actions = ConcernLifecycle.AllowedFor(after, ConcernLifecycle.Role.Raiser);
        var view = ConcernView.Of(after, flow, actions);
        foreach (var raiser in joined.Where(k => k.StartsWith("user:", StringComparison.Ordinal)))
        {
            var user = new UserRef(raiser["user:".Length..]);
            yield return turn.Outbox(d.WorkspaceId, $"{deliveryKey}/joined/{after.Id:N}/{user.Id}", Destination.PrivatelyTo(d.Home, user), new ConcernResponseNotice(d.Id, d.Title, view, false) { MergedFrom = mergedFrom });
        }

        if (joined.Any(k => !k.StartsWith("user:", StringComparison.Ordinal) && !viaPublicPage(k)))
        {
            yield return turn.Outbox(d.WorkspaceId, $"{deliveryKey}/joined/{after.Id:N}", Destination.To(d.Home),
                new ConcernResponseNotice(d.Id, d.Title, ConcernView.InConversation(after, flow, actions), true) { MergedFrom = mergedFrom });
        }
    }

    /// <summary>A person's unresolved concerns with every action their roles allow (owner, facilitator).</summary>
    public static IReadOnlyList<ConcernView> ForPerson(IEnumerable<Concern> concerns, Deliberation d, FlowDefinition flow, string userId) =>
        [.. concerns
            .Where(c => c.IsUnresolved)
            .Select(c => ConcernView.ForOwners(c, flow, ActionsOf(c, d, userId)))
            .Where(v => v.Actions.Count > 0)];

    /// <summary>What a person may do about a concern as its owner or the facilitator (a raiser's actions come to them apart).</summary>
    public static IReadOnlyList<ConcernAction> ActionsOf(Concern c, Deliberation d, string userId) =>
        [.. ConcernLifecycle.RolesOf(c, d, userId, [])
            .Where(r => r != ConcernLifecycle.Role.Raiser)
            .SelectMany(r => ConcernLifecycle.AllowedFor(c, r))
            .Distinct()];

    /// <summary>The concerns of <paramref name="first"/> with those of <paramref name="then"/> taking their place, in number order.</summary>
    public static IReadOnlyList<Concern> Merge(IEnumerable<Concern> first, IEnumerable<Concern> then)
    {
        var byId = first.ToDictionary(c => c.Id);
        foreach (var c in then)
        {
            byId[c.Id] = c;
        }

        return [.. byId.Values.OrderBy(c => c.Number)];
    }
}
