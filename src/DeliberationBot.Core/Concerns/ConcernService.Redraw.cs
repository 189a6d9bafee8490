using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Concerns;

/// <summary>
/// A concerns message a person acted on, as the adapters carry it back with the action (in a card's data, a block's
/// id), so that it can be drawn again as it then stands and never offers what was done already.
/// </summary>
public abstract record ConcernMessageShown
{
    private ConcernMessageShown()
    {
    }

    /// <summary>An owner's concerns (<see cref="OwnerConcerns"/>), which it lists by number.</summary>
    public sealed record ToOwner(IReadOnlySet<int> Listed) : ConcernMessageShown;

    /// <summary>The owners' response to the people who raised a concern (<see cref="ConcernResponseNotice"/>).</summary>
    public sealed record ToRaisers(bool InConversation) : ConcernMessageShown
    {
        /// <summary>How the adapters name it in the message they draw: "private" or "conversation".</summary>
        public string Name => InConversation ? "conversation" : "private";

        public static ToRaisers? Named(string? name) => name switch
        {
            "private" => new(InConversation: false),
            "conversation" => new(InConversation: true),
            _ => null,
        };
    }
}

public sealed partial class ConcernService
{
    /// <summary>
    /// The message <paramref name="shown"/> as it stands for <paramref name="actor"/> after they did <paramref name="done"/>
    /// to the concern <paramref name="concernId"/>, each concern with what they may do about it now. Null when the
    /// concern is not found in the actor's workspace.
    /// </summary>
    /// <remarks>
    /// An owner's message lists its concerns where they stand. The notice to the people who raised a concern says what
    /// became of their answer: one person's own notice, without Accept once they accepted; the conversation's, shared
    /// by its anonymous raisers, the same for everyone.
    /// </remarks>
    public Task<OutgoingMessage?> AsItStandsAsync(Actor actor, Guid concernId, ConcernMessageShown shown, ConcernAction done, CancellationToken ct) =>
        DrawAsync(actor, concernId, shown, done, ct);

    /// <summary>
    /// After <paramref name="pressed"/> was refused: the message <paramref name="shown"/> as it now stands when it offered
    /// what <paramref name="actor"/> may no longer do (it is older than the concern's last change), so it stops offering it;
    /// null when the press was refused for what came with it (words with Accept), whose message stays as it is, words and
    /// all, and for the conversation's notice, on which anyone may press and be refused.
    /// </summary>
    public async Task<OutgoingMessage?> AsItStandsAfterRefusalAsync(Actor actor, Guid concernId, ConcernMessageShown shown, ConcernAction pressed, CancellationToken ct) =>
        shown is ConcernMessageShown.ToRaisers { InConversation: true } || (await AllowedAsync(actor, concernId, pressed, ct)).Refusal is null
            ? null
            : await DrawAsync(actor, concernId, shown, done: null, ct);

    /// <summary>
    /// The message <paramref name="shown"/> drawn again after <paramref name="pressed"/> and what came of it
    /// (<paramref name="result"/>): as it stands after the action, or after its refusal
    /// (<see cref="AsItStandsAfterRefusalAsync"/>); null for a press handled before.
    /// </summary>
    public async Task<OutgoingMessage?> RedrawnAfterAsync(Actor actor, Guid concernId, ConcernMessageShown shown, ConcernAction pressed, TurnResult result, CancellationToken ct) =>
        result.Duplicate ? null
        : result.Replies is [ErrorMessage, ..] ? await AsItStandsAfterRefusalAsync(actor, concernId, shown, pressed, ct)
        : await AsItStandsAsync(actor, concernId, shown, pressed, ct);

    private async Task<OutgoingMessage?> DrawAsync(Actor actor, Guid concernId, ConcernMessageShown shown, ConcernAction? done, CancellationToken ct)
    {
        var acted = await turn.Store.FindConcernAsync(actor.WorkspaceId, concernId, ct);
        if (acted is null || await turn.LoadAsync(actor.WorkspaceId, acted.DeliberationId, ct) is not var (d, flow))
        {
            return null;
        }

        if (shown is ConcernMessageShown.ToOwner owner)
        {
            var listed = (await turn.Store.ListConcernsAsync(d.WorkspaceId, d.Id, ct)).Where(c => owner.Listed.Contains(c.Number)).OrderBy(c => c.Number);
            return new OwnerConcerns(d.Id, d.Title, [.. listed.Select(c => ConcernView.ForOwners(c, flow, ConcernPublisher.ActionsOf(c, d, actor.User.Id)))]);
        }

        var inConversation = ((ConcernMessageShown.ToRaisers)shown).InConversation;
        string[] theirKeys = [TurnSupport.NamedKey(actor.User.Id), turn.AnonymousKey(actor, d.Id)];
        var accepted = acted.AcceptedBy.Intersect(theirKeys).Any();
        var actions = ConcernLifecycle.AllowedFor(acted, ConcernLifecycle.Role.Raiser)
            .Where(a => inConversation || a != ConcernAction.Accept || !accepted)
            .ToList();
        // Once one of them reopened it, the others may still give their reasons: anyone on the conversation's notice, which
        // is everyone's who raised it; on a person's own notice drawn after a refused press, they, unless they gave theirs
        // (as the notice that it was reopened offered).
        if (ConcernLifecycle.IsReopened(acted)
            && (inConversation || (done is null && !acted.Voices.Any(v => v.Reopening && theirKeys.Contains(v.RaiserKey)))))
        {
            actions = [ConcernAction.Reopen];
        }

        // What they did, or on a refused press, where their own answer stands: accepted, until someone reopens it; once
        // reopened, by them, or by whom (as the notice sent at the reopening says).
        var after = done == ConcernAction.Reopen ? done : accepted ? ConcernAction.Accept : null;
        string? reopenedBy = null;
        if (done is null && !inConversation && ConcernLifecycle.IsReopened(acted) && await ReopenerAsync(d, acted, ct) is { } reopener)
        {
            (after, reopenedBy) = theirKeys.Contains(reopener) ? (ConcernAction.Reopen, null) : (after, ReopenedByCoRaiser(acted, reopener));
        }

        var view = inConversation ? ConcernView.InConversation(acted, flow, actions) : ConcernView.Of(acted, flow, actions);
        return new ConcernResponseNotice(d.Id, d.Title, view, inConversation) { After = after, ReopenedBy = reopenedBy };
    }

    /// <summary>Who last reopened the concern, by participant key, as its history records it.</summary>
    private async Task<string?> ReopenerAsync(Deliberation d, Concern c, CancellationToken ct) =>
        Exports.DeliberationRecords.EventsByConcern(await turn.Store.ListEventsAsync(d.WorkspaceId, d.Id, ct))[c.Number]
            .LastOrDefault(e => e.Type == ConcernLifecycle.EventType(ConcernAction.Reopen))?.Actor;
}
