using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// Everything one turn changes, written in one transaction: state, history and outgoing messages together, so a
/// crash can never leave an answer without its messages or messages without their answer.
/// </summary>
public sealed record Commit(string WorkspaceId, string? DeliveryKey)
{
    public Deliberation? Deliberation { get; init; }

    public FlowDefinition? FlowSnapshot { get; init; }

    public IReadOnlyList<Participant> Participants { get; init; } = [];

    public Answer? Answer { get; init; }

    public IReadOnlyList<Concern> Concerns { get; init; } = [];

    public IReadOnlyList<Suggestion> Suggestions { get; init; } = [];

    public MemberProfile? Profile { get; init; }

    /// <summary>
    /// A waiting reply's words, written over any held for the same person and message. Put them in a commit whose
    /// delivery key is new (or null): a duplicate commit writes nothing, and an edit's words would be lost with it.
    /// </summary>
    public WaitingWords? WaitingWords { get; init; }

    public Digests.DigestSubscription? Subscription { get; init; }

    /// <summary>The deliberation's public link, created or changed (paused, resumed, revoked).</summary>
    public Community.CommunityInvitation? Invitation { get; init; }

    /// <summary>An address someone left on the public page; stored with nothing that ties it to their answers.</summary>
    public Community.CommunityContact? Contact { get; init; }

    public IReadOnlyList<DeliberationEvent> Events { get; init; } = [];

    public IReadOnlyList<OutboxMessage> Outbox { get; init; } = [];
}

public enum CommitOutcome
{
    Committed,

    /// <summary>
    /// Committed, and every message it queued went into one already waiting to be sent (<see cref="Messaging.WaitingMessages"/>):
    /// the outbox has no new message to look at. What it joined is sent when that one was to be (a wait the outbox knows of).
    /// </summary>
    CommittedIntoWaiting,

    /// <summary>The delivery key was seen before: the earlier delivery's effects stand and nothing was written.</summary>
    Duplicate,
}

/// <summary>The deliberation store. Every read is scoped to a workspace: one workspace never sees another's data.</summary>
public interface IDeliberationStore
{
    Task<CommitOutcome> CommitAsync(Commit commit, CancellationToken ct);

    /// <summary>
    /// Commits what <paramref name="build"/> makes with the number the deliberation's next concern takes (#1, #2, …: one
    /// more than the highest so far, merged ones included), numbered where the commit is written. People recording
    /// concerns in one deliberation at the same moment each get a number of their own: none is refused for a number
    /// another took meanwhile and worked out again. <paramref name="build"/> may be called more than once (a commit that
    /// was undone and tried again); the last commit it made is the one written, and is returned.
    /// </summary>
    Task<(CommitOutcome Outcome, Commit Commit)> CommitNumberedAsync(string workspaceId, Guid deliberationId, Func<int, Commit> build, CancellationToken ct);

    /// <summary>True when a delivery with this key was already committed (a platform retry).</summary>
    Task<bool> WasDeliveredAsync(string workspaceId, string deliveryKey, CancellationToken ct);

    Task<Deliberation?> FindAsync(string workspaceId, Guid id, CancellationToken ct);

    Task<Deliberation?> FindLatestOpenAsync(string workspaceId, string channel, string conversationId, CancellationToken ct);

    /// <summary>The open deliberations of a workspace on one platform, oldest first.</summary>
    Task<IReadOnlyList<Deliberation>> ListOpenAsync(string workspaceId, string channel, CancellationToken ct);

    /// <summary>The newest deliberation of a conversation, open or closed.</summary>
    Task<Deliberation?> FindLatestAsync(string workspaceId, string channel, string conversationId, CancellationToken ct);

    Task<IReadOnlyList<Concern>> ListConcernsAsync(string workspaceId, Guid deliberationId, CancellationToken ct);

    Task<Concern?> FindConcernAsync(string workspaceId, Guid concernId, CancellationToken ct);

    /// <summary>The concerns summaries suggested for a deliberation, in number order.</summary>
    Task<IReadOnlyList<Suggestion>> ListSuggestionsAsync(string workspaceId, Guid deliberationId, CancellationToken ct);

    Task<Participant?> FindParticipantAsync(string workspaceId, Guid deliberationId, string key, CancellationToken ct);

    /// <summary>
    /// The participant with <paramref name="key"/>, or else the one with <paramref name="otherKey"/>, in one read: a
    /// person may have joined by name or anonymously, and a turn looks for both before it knows which.
    /// </summary>
    Task<Participant?> FindParticipantAsync(string workspaceId, Guid deliberationId, string key, string otherKey, CancellationToken ct);

    Task<IReadOnlyList<Participant>> ListParticipantsAsync(string workspaceId, Guid deliberationId, CancellationToken ct);

    Task<IReadOnlyList<Answer>> ListAnswersAsync(string workspaceId, Guid deliberationId, CancellationToken ct);

    /// <summary>The counts a card and <c>status</c> show, counted by the store rather than read row by row.</summary>
    Task<DeliberationTally> TallyAsync(string workspaceId, Guid deliberationId, CancellationToken ct);

    /// <summary>
    /// The answers concerns are made from (<see cref="ConcernSync"/>): every answer flagged as a concern, and every answer
    /// to one of <paramref name="questionIds"/>: the questions whose flow rule may make an answer a concern, and the
    /// follow-ups, whose answers stand beside the answer they follow. In no particular order: <see cref="ConcernSync"/>
    /// puts them in the flow's.
    /// </summary>
    Task<IReadOnlyList<Answer>> ListConcernAnswersAsync(string workspaceId, Guid deliberationId, IReadOnlyCollection<string> questionIds, CancellationToken ct);

    /// <summary>The participants with these keys (those of a concern's raisers, for their names).</summary>
    Task<IReadOnlyList<Participant>> ListParticipantsAsync(string workspaceId, Guid deliberationId, IReadOnlyCollection<string> keys, CancellationToken ct);

    /// <summary>One participant's answers: what a turn of theirs needs, however many others have answered.</summary>
    Task<IReadOnlyList<Answer>> ListAnswersOfAsync(string workspaceId, Guid deliberationId, string participantKey, CancellationToken ct);

    /// <summary>
    /// The answer of the workspace that a message gave and that no message or form has changed since: the answer whose
    /// <see cref="Answer.Source"/> is one of <paramref name="sources"/> (a message's key, and its pseudonym for someone
    /// answering anonymously). What an edit or a deletion in a person's private chat is about, whichever deliberation it is.
    /// </summary>
    Task<Answer?> FindAnswerGivenByAsync(string workspaceId, IReadOnlyCollection<string> sources, CancellationToken ct);

    Task<IReadOnlyList<DeliberationEvent>> ListEventsAsync(string workspaceId, Guid deliberationId, CancellationToken ct);

    Task<MemberProfile?> FindProfileAsync(string workspaceId, string userId, CancellationToken ct);

    /// <summary>The words held for <paramref name="userId"/>'s reply <paramref name="messageKey"/> while it waits for them to join; null when none were.</summary>
    Task<string?> FindWaitingWordsAsync(string workspaceId, string userId, string messageKey, CancellationToken ct);

    /// <summary>The deliberation's public link, whatever its state.</summary>
    Task<Community.CommunityInvitation?> FindInvitationAsync(string workspaceId, Guid deliberationId, CancellationToken ct);

    /// <summary>The public link a token names, in any workspace: the token is the only thing a visitor brings.</summary>
    Task<Community.CommunityInvitation?> FindInvitationByTokenAsync(string token, CancellationToken ct);

    /// <summary>The contact addresses left on a deliberation's public page.</summary>
    Task<IReadOnlyList<Community.CommunityContact>> ListContactsAsync(string workspaceId, Guid deliberationId, CancellationToken ct);

    /// <summary>The YAML a deliberation's flow version was started with.</summary>
    Task<string?> FindFlowSourceAsync(string flowId, string version, CancellationToken ct);
}
