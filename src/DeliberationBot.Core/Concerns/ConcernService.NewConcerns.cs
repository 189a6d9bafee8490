using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Concerns;

/// <summary>A new concern and the commit that records it, made once the store gives it its number.</summary>
public delegate (Concern Concern, Commit Commit) NewConcernDraft(int number);

/// <summary>Concerns someone records directly (a facilitator, an owner, a decision's condition, a confirmed suggestion).</summary>
public sealed partial class ConcernService
{
    /// <summary>A concern or condition someone records directly, in their words; the one who records it is its raiser.</summary>
    public async Task<TurnResult> RecordNewAsync(
        Actor actor, Deliberation d, FlowDefinition flow, ConcernKind kind, ConcernOrigin origin, string text, Question? question, UserRef? owner, DateOnly? due,
        string deliveryKey, CancellationToken ct)
    {
        var draft = await PrepareNewAsync(actor, d, flow, kind, origin, text, question, owner, due, deliveryKey, ct);
        return await CommitNewAsync(d, draft, ct);
    }

    /// <summary>
    /// A new concern and the commit that records it and tells its owners, for the number the store gives it when it
    /// writes the commit; the caller may add to the commit.
    /// </summary>
    /// <param name="cited">For a confirmed suggestion, the answers it rests on, quoted after its words.</param>
    public async Task<NewConcernDraft> PrepareNewAsync(
        Actor actor, Deliberation d, FlowDefinition flow, ConcernKind kind, ConcernOrigin origin, string text, Question? question, UserRef? owner, DateOnly? due,
        string deliveryKey, CancellationToken ct, IReadOnlyList<ConcernVoice>? cited = null)
    {
        var key = TurnSupport.NamedKey(actor.User.Id);
        var group = (await turn.Store.FindParticipantAsync(d.WorkspaceId, d.Id, key, ct))?.Group;
        var id = Guid.CreateVersion7(turn.Now);
        var now = turn.Now;
        return number =>
        {
            var concern = new Concern(
                id, d.Id, number, kind, origin, question?.SectionId, question?.Id, text,
                group is { } g ? [g] : [], [key], ConcernStatus.Open, null, owner, due, [], now, now)
            {
                Voices = [new ConcernVoice(key, group, actor.User.Display, text, question?.Id) { Suggested = origin == ConcernOrigin.ConfirmedSuggestion }, .. cited ?? []],
                OwnersHeardAt = now,
            };
            var commit = new Commit(d.WorkspaceId, deliveryKey)
            {
                Concerns = [concern],
                Events = [new DeliberationEvent(d.Id, concern.Kind == ConcernKind.Condition ? "condition.set" : "concern.raised", key, null, $"#{concern.Number} {concern.Text}", now)],
                Outbox = [.. RecipientsOf(d, concern).Select(o =>
                    turn.OwnerNotice(d, o, deliveryKey, [ConcernView.Of(concern, flow, ConcernLifecycle.AllowedFor(concern, ConcernLifecycle.Role.Owner))]))],
            };
            return (concern, commit);
        };
    }

    public async Task<TurnResult> CommitNewAsync(Deliberation d, NewConcernDraft draft, CancellationToken ct)
    {
        // The store may build the commit more than once; the concern of the last one built is the one written.
        Concern? concern = null;
        var (outcome, _) = await turn.CommitNumberedAsync(
            d.WorkspaceId,
            d.Id,
            number =>
            {
                (concern, var commit) = draft(number);
                return commit;
            },
            ct);
        if (outcome == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        var cited = concern!.Voices.Count(v => v.Cited);
        var quoting = (concern.Origin, cited) switch
        {
            (not ConcernOrigin.ConfirmedSuggestion, _) => "",
            (_, 0) => " It quotes no answer: the summary cited none that may be shown.",
            (_, 1) => " It quotes the answer the summary cited, in the words given.",
            _ => $" It quotes the {cited} answers the summary cited, in the words given.",
        };
        return TurnResult.Reply(new Confirmation(
            $"Recorded {(concern.Kind == ConcernKind.Condition ? "condition" : "concern")} #{concern.Number}; {string.Join(", ", RecipientsOf(d, concern).Select(r => r.Display))} will see it.{quoting}"));
    }
}
