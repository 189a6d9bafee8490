using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Privacy;

namespace DeliberationBot.Core.Deliberations;

/// <summary>Small pieces both application services need: loading a deliberation with its flow, keys, outbox rows.</summary>
public sealed class TurnSupport(IDeliberationStore store, FlowResolver flows, Pseudonymizer pseudonyms, OutboxSignal signal, StaleTurns stale, TimeProvider time)
{
    public const string NotFound = "I can't find that deliberation here. It may belong to another workspace, or have been removed.";
    public const string NoneHere = "No deliberation is open in this conversation. Start one with:";

    public IDeliberationStore Store => store;

    public TimeProvider Time => time;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<(Deliberation Deliberation, FlowDefinition Flow)?> LoadAsync(string workspaceId, Guid id, CancellationToken ct)
    {
        var deliberation = await store.FindAsync(workspaceId, id, ct);
        return deliberation is null ? null : (deliberation, await flows.ForAsync(deliberation, ct));
    }

    public Task<FlowDefinition> FlowOfAsync(Deliberation deliberation, CancellationToken ct) => flows.ForAsync(deliberation, ct);

    /// <summary>
    /// The deliberation a command typed in a conversation is about: the one whose card's thread it was typed in, else
    /// the conversation's newest; closed ones only when <paramref name="includeClosed"/>.
    /// </summary>
    public async Task<Deliberation?> FindHereAsync(Actor actor, ConversationRef conversation, bool includeClosed, CancellationToken ct)
    {
        if (conversation.InThreadOf is { } id)
        {
            var d = await store.FindAsync(actor.WorkspaceId, id, ct);
            return d is not null && (includeClosed || d.IsOpen) ? d : null;
        }

        return includeClosed
            ? await store.FindLatestAsync(actor.WorkspaceId, conversation.Channel, conversation.ConversationId, ct)
            : await store.FindLatestOpenAsync(actor.WorkspaceId, conversation.Channel, conversation.ConversationId, ct);
    }

    public static string NamedKey(string userId) => "user:" + userId;

    /// <summary>Whether people outside the agency can still open the deliberation's public page (it has a link, not revoked).</summary>
    public async Task<bool> HasPublicPageAsync(Deliberation d, CancellationToken ct) =>
        await store.FindInvitationAsync(d.WorkspaceId, d.Id, ct) is { State: not Community.InvitationState.Revoked };

    public string AnonymousKey(Actor actor, Guid deliberationId) => pseudonyms.For(actor.WorkspaceId, deliberationId, actor.User.Id);

    /// <summary>
    /// What an answer keeps of the message that gave it (<see cref="Answer.Source"/>): its delivery key, or for an
    /// anonymous participant a keyed pseudonym of it.
    /// </summary>
    public string AnswerSource(string workspaceId, bool anonymous, string deliveryKey) =>
        anonymous ? pseudonyms.ForSource(workspaceId, deliveryKey) : deliveryKey;

    /// <summary>The participant's answer that a message (its delivery key) gave, unless it has been changed since.</summary>
    public async Task<Answer?> AnswerGivenByAsync(Deliberation d, Participant participant, string messageKey, CancellationToken ct)
    {
        var source = AnswerSource(d.WorkspaceId, participant.Anonymous, messageKey);
        return (await store.ListAnswersOfAsync(d.WorkspaceId, d.Id, participant.Key, ct)).FirstOrDefault(a => a.Source == source);
    }

    /// <summary>A person's participation, whether they joined by name or anonymously (by name if both).</summary>
    public Task<Participant?> FindParticipantAsync(Actor actor, Guid deliberationId, CancellationToken ct) =>
        store.FindParticipantAsync(actor.WorkspaceId, deliberationId, NamedKey(actor.User.Id), AnonymousKey(actor, deliberationId), ct);

    public OutboxMessage Outbox(string workspaceId, string idempotencyKey, Destination destination, OutgoingMessage message, string? slot = null) =>
        new(Guid.CreateVersion7(Now), workspaceId, idempotencyKey, destination, message, Now, slot);

    /// <summary>
    /// Tells a person, privately, of concerns they can act on. Notices to them about the deliberation that are queued
    /// while this one still waits for its turn are gathered into it (<see cref="OwnerConcerns.Gather"/>).
    /// </summary>
    public OutboxMessage OwnerNotice(Deliberation d, UserRef person, string deliveryKey, IReadOnlyList<ConcernView> concerns) =>
        Outbox(d.WorkspaceId, $"{deliveryKey}/owner/{person.Id}", Destination.PrivatelyTo(d.Home, person), new OwnerConcerns(d.Id, d.Title, concerns))
            with { GatherKey = $"owner-concerns/{d.Id:N}/{person.Id}" };

    /// <summary>
    /// Queues an update of the card in the home conversation. Its progress is filled in from current state when it is
    /// sent (<see cref="DeliberationCardRefresher"/>), so a turn need not read every participant and answer to queue it.
    /// </summary>
    public OutboxMessage CardUpdate(Deliberation d, FlowDefinition flow, string deliveryKey) =>
        Outbox(d.WorkspaceId, deliveryKey + "/card", Destination.To(d.Home), Overview.Card(d, flow, DeliberationTally.Empty), d.CardSlot);

    /// <summary>
    /// Runs a turn unless the platform is delivering it again: a retry gets "already handled" before anything is read.
    /// (The commit's unique delivery key still catches two deliveries racing past this check.) A turn that went stale
    /// before its commit is worked out again (<see cref="StaleTurns"/>).
    /// </summary>
    public async Task<TurnResult> OnceAsync(Actor actor, Guid deliberationId, string deliveryKey, Func<Task<TurnResult>> run, CancellationToken ct) =>
        await store.WasDeliveredAsync(actor.WorkspaceId, deliveryKey, ct) ? TurnResult.AlreadyHandled : await stale.RunAsync(TurnLanes.Of(deliberationId), run, ct);

    /// <summary>
    /// Runs work that reads a deliberation or its concerns and writes them back, where no command or answer already runs
    /// it as a turn (a button, an event, a job): worked out again from the record as it now is when another turn wrote it
    /// meanwhile (<see cref="StaleTurns"/>), so neither change is written away.
    /// </summary>
    public Task<T> AgainWhenStaleAsync<T>(string lane, Func<Task<T>> run, CancellationToken ct) => stale.RunAsync(lane, run, ct);

    /// <summary>
    /// Runs <paramref name="change"/> on <paramref name="d"/> while it is open, as <see cref="AgainWhenStaleAsync"/>: a try
    /// after a stale one reads it again, and nothing runs once someone has closed it meanwhile.
    /// </summary>
    public async Task ChangeOpenAsync(Deliberation d, Func<Deliberation, Task> change, CancellationToken ct)
    {
        var tries = 0;
        await AgainWhenStaleAsync(TurnLanes.Of(d.Id), async () =>
        {
            if ((tries++ == 0 ? d : await store.FindAsync(d.WorkspaceId, d.Id, ct)) is { IsOpen: true } now)
            {
                await change(now);
            }

            return true;
        }, ct);
    }

    public async Task<CommitOutcome> CommitAsync(Commit commit, CancellationToken ct)
    {
        var outcome = await store.CommitAsync(commit, ct);
        WakeOutbox(outcome, commit);
        return outcome;
    }

    /// <summary>Commits a new concern with the number the store gives it (<see cref="IDeliberationStore.CommitNumberedAsync"/>).</summary>
    public async Task<(CommitOutcome Outcome, Commit Commit)> CommitNumberedAsync(string workspaceId, Guid deliberationId, Func<int, Commit> build, CancellationToken ct)
    {
        var (outcome, commit) = await store.CommitNumberedAsync(workspaceId, deliberationId, build, ct);
        WakeOutbox(outcome, commit);
        return (outcome, commit);
    }

    // Not when all it queued went into messages already waiting: each wake-up is a pass over the outbox, and while Slack
    // paces a card every answer's update goes into the waiting one.
    private void WakeOutbox(CommitOutcome outcome, Commit commit)
    {
        if (outcome == CommitOutcome.Committed && commit.Outbox.Count > 0)
        {
            signal.Notify();
        }
    }
}
