using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Concerns;

/// <summary>Who may act on a concern, and the reply to someone who may not.</summary>
public sealed partial class ConcernService
{
    /// <summary>
    /// For a form that asks <paramref name="actor"/> for the words to <paramref name="action"/> a concern: the concern as
    /// people see it (every voice, the question it answers) and, to reopen it, how their words will reach the owners;
    /// or, when they may not, the reply to give instead, so that nobody writes words only to be refused.
    /// </summary>
    public async Task<(WordsForm? Form, TurnResult? Refusal)> ForWordsAsync(Actor actor, Guid concernId, ConcernAction action, CancellationToken ct)
    {
        var allowed = await AllowedAsync(actor, concernId, action, ct);
        if (allowed is not { Concern: { } concern, Deliberation: { } d, Flow: { } flow, ActorKey: { } actorKey })
        {
            return (null, allowed.Refusal);
        }

        string? hint = null;
        if (action == ConcernAction.Reopen)
        {
            var voice = ConcernLifecycle.ReopeningVoice(concern, actorKey, "");
            var min = groupSize.Value.MinGroupSize;
            var small = voice is { Name: null, Group: { } group } && (await turn.Store.TallyAsync(d.WorkspaceId, d.Id, ct)).IsSmall(group, min);
            hint = ConcernResponseNotice.ReopenWordsHint(voice, small ? min : null, ConcernLifecycle.IsReopened(concern));
        }

        // Someone who raised it anonymously opened the form from the notice posted in the conversation: it shows the concern
        // as that notice does, without the names of the people who raised it by name.
        var view = allowed.Role == ConcernLifecycle.Role.Raiser && !actorKey.StartsWith("user:", StringComparison.Ordinal)
            ? ConcernView.InConversation(concern, flow, [])
            : ConcernView.Of(concern, flow, []);
        return (new WordsForm(view, hint), null);
    }

    /// <summary>The concern and the actor's part in it when they may do <paramref name="action"/> to it; otherwise the refusal.</summary>
    private async Task<Permission> AllowedAsync(Actor actor, Guid concernId, ConcernAction action, CancellationToken ct)
    {
        var concern = await turn.Store.FindConcernAsync(actor.WorkspaceId, concernId, ct);
        var loaded = concern is null ? null : await turn.LoadAsync(actor.WorkspaceId, concern.DeliberationId, ct);
        if (concern is null || loaded is not var (d, flow))
        {
            return new Permission(TurnResult.Error("I can't find that concern here."));
        }

        var named = TurnSupport.NamedKey(actor.User.Id);
        var anonymous = turn.AnonymousKey(actor, d.Id);
        var roles = ConcernLifecycle.RolesOf(concern, d, actor.User.Id, [named, anonymous]);
        if (!roles.Any(r => ConcernLifecycle.Allows(concern, r, action)))
        {
            // Accept pressed on a concern reopened since: say by whom, as the notice drawn under the refusal does.
            var reopener = action == ConcernAction.Accept && ConcernLifecycle.IsReopened(concern) ? await ReopenerAsync(d, concern, ct) : null;
            var reopenedBy = reopener is null ? null : reopener == named || reopener == anonymous ? "" : ReopenedByCoRaiser(concern, reopener);
            return new Permission(TurnResult.Error(NotAllowed(concern, action, roles, reopenedBy)));
        }

        var role = roles.First(r => ConcernLifecycle.Allows(concern, r, action));
        var actorKey = role == ConcernLifecycle.Role.Raiser ? concern.Raisers.First(k => k == named || k == anonymous) : named;
        return new Permission(null) { Concern = concern, Deliberation = d, Flow = flow, Role = role, ActorKey = actorKey };
    }

    private sealed record Permission(TurnResult? Refusal)
    {
        public Concern? Concern { get; init; }

        public Deliberation? Deliberation { get; init; }

        public FlowDefinition? Flow { get; init; }

        public ConcernLifecycle.Role Role { get; init; }

        public string? ActorKey { get; init; }
    }

    /// <summary>
    /// Why an action is refused, with where the concern stands now (a button may be older than the last change).
    /// <paramref name="reopenedBy"/>: who reopened it, as the person refused is told; empty when they did.
    /// </summary>
    private static string NotAllowed(Concern c, ConcernAction action, IReadOnlyList<ConcernLifecycle.Role> roles, string? reopenedBy) => action switch
    {
        _ when c.IsMerged => $"{c.Kind.Named(c.Number)} was merged into #{c.MergedInto}; act on #{c.MergedInto} instead. Nothing changed.",
        ConcernAction.Accept when ConcernLifecycle.IsReopened(c) && roles.Contains(ConcernLifecycle.Role.Raiser) =>
            (reopenedBy == "" ? $"You reopened {c.Kind.Named(c.Number).ToLowerInvariant()}" : $"{c.Kind.Named(c.Number)} was reopened by {reopenedBy ?? "one of the people who raised it"}") +
            ", so there is no response to accept now: the owners have been told and will respond again, and you will be sent their response. Nothing changed.",
        ConcernAction.Accept or ConcernAction.Reopen when c.IsUnresolved && !c.IsAwaitingRaisers => $"{c.Kind.Named(c.Number)} is {Describe(c.Status, c.Kind, c.OwnersAnswer, c.Raisers.Count)}, with no response to accept yet. Nothing changed.",
        ConcernAction.Accept or ConcernAction.Reopen when roles.Contains(ConcernLifecycle.Role.Raiser) => $"{c.Kind.Named(c.Number)} is already {Describe(c.Status, c.Kind, c.OwnersAnswer, c.Raisers.Count)}. Nothing changed.",
        ConcernAction.Accept or ConcernAction.Reopen => "Only the people who raised this concern can accept or reopen it.",
        ConcernAction.CloseWithoutRaisers when !c.IsUnresolved => $"{c.Kind.Named(c.Number)} is already {Describe(c.Status, c.Kind, c.OwnersAnswer, c.Raisers.Count)}. Nothing changed.",
        ConcernAction.CloseWithoutRaisers => "Only the facilitator can close a concern without the people who raised it.",
        _ when !c.IsUnresolved => $"{c.Kind.Named(c.Number)} is already {Describe(c.Status, c.Kind, c.OwnersAnswer, c.Raisers.Count)}. Nothing changed.",
        _ when roles.Contains(ConcernLifecycle.Role.Owner) => $"{c.Kind.Named(c.Number)} is {Describe(c.Status, c.Kind, c.OwnersAnswer, c.Raisers.Count)} by now, so that is no longer possible. Nothing changed.",
        _ => $"Only the proposal's owners can respond to this concern. It is {Describe(c.Status, c.Kind, c.OwnersAnswer, c.Raisers.Count)}.",
    };
}

/// <summary>What a form asking for someone's words about a concern shows: the concern, and a hint of how the words will be read, if Core words it.</summary>
public sealed record WordsForm(ConcernView Concern, string? Hint);
