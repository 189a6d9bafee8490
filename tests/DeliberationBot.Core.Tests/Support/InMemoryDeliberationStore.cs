using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Tests.Support;

/// <summary>
/// The store port as Core relies on it, in memory: a commit is written whole or not at all, a delivery key seen before
/// makes it a duplicate that writes nothing, rows are upserted by the keys the real schema makes unique, and every
/// read is scoped to its workspace. <see cref="Commits"/> and <see cref="Outbox"/> show what each turn wrote.
/// </summary>
internal sealed class InMemoryDeliberationStore : IDeliberationStore
{
    private readonly Lock _gate = new();
    private readonly HashSet<(string Workspace, string Key)> _deliveries = [];
    private readonly Dictionary<(string Flow, string Version), string> _flows = [];
    private readonly Dictionary<Guid, Deliberation> _deliberations = [];
    private readonly Dictionary<(string Workspace, Guid Deliberation, string Key), Participant> _participants = [];
    private readonly Dictionary<(string Workspace, Guid Deliberation, string Participant, string Question), Answer> _answers = [];
    private readonly Dictionary<(string Workspace, Guid Id), Concern> _concerns = [];
    private readonly Dictionary<(string Workspace, Guid Id), Suggestion> _suggestions = [];
    private readonly Dictionary<(string Workspace, string User), MemberProfile> _profiles = [];
    private readonly Dictionary<(string Workspace, string User, string Message), string> _waitingWords = [];
    private readonly Dictionary<(string Workspace, Guid Deliberation), CommunityInvitation> _invitations = [];
    private readonly List<(string Workspace, CommunityContact Contact)> _contacts = [];
    private readonly List<(string Workspace, DeliberationEvent Event)> _events = [];
    private readonly List<OutboxMessage> _outbox = [];
    private readonly List<Commit> _commits = [];

    /// <summary>Every commit written (duplicates are not).</summary>
    public IReadOnlyList<Commit> Commits { get { lock (_gate) { return [.. _commits]; } } }

    public IReadOnlyList<OutboxMessage> Outbox { get { lock (_gate) { return [.. _outbox]; } } }

    private readonly SemaphoreSlim _numbering = new(1, 1);

    private (Func<Commit, bool> When, Func<Task> Other)? _interruption;

    /// <summary>
    /// Before the next commit that <paramref name="when"/> picks is written, runs <paramref name="other"/> (once): another
    /// turn that commits between that turn's reads and its write.
    /// </summary>
    public void BeforeCommitOf(Func<Commit, bool> when, Func<Task> other) => _interruption = (when, other);

    public async Task<CommitOutcome> CommitAsync(Commit commit, CancellationToken ct)
    {
        if (_interruption is var (when, other) && when(commit))
        {
            _interruption = null;
            await other();
        }

        return Write(commit);
    }

    /// <summary>
    /// A deliberation or concern is written only over the version its turn read, as the real stores write them; each write
    /// is the next version.
    /// </summary>
    private CommitOutcome Write(Commit commit)
    {
        var ws = commit.WorkspaceId;
        lock (_gate)
        {
            // A delivery seen before is a duplicate however the record changed since, as its key is written first.
            if (commit.DeliveryKey is { } seen && _deliveries.Contains((ws, seen)))
            {
                return CommitOutcome.Duplicate;
            }

            var stale = commit.Deliberation is { } read && (_deliberations.TryGetValue(read.Id, out var stored) ? stored.Version : 0) != read.Version
                || commit.Concerns.Any(c => (_concerns.TryGetValue((ws, c.Id), out var kept) ? kept.Version : 0) != c.Version);
            if (stale)
            {
                throw new StaleTurnException("A deliberation or concern was written by another turn since this one read it.");
            }

            if (commit.DeliveryKey is { } key)
            {
                _deliveries.Add((ws, key));
            }

            if (_outbox.Any(m => m.WorkspaceId == ws && commit.Outbox.Any(n => n.IdempotencyKey == m.IdempotencyKey)))
            {
                throw new InvalidOperationException("An outbox key was queued twice: the real store's unique index would refuse this commit.");
            }

            if (commit.FlowSnapshot is { } flow)
            {
                _flows.TryAdd((flow.Id, flow.Version), flow.Source);
            }

            if (commit.Deliberation is { } d)
            {
                Assert.Equal(ws, d.WorkspaceId);
                _deliberations[d.Id] = d with { Version = d.Version + 1 };
            }

            foreach (var p in commit.Participants)
            {
                _participants[(ws, p.DeliberationId, p.Key)] = p;
            }

            if (commit.Answer is { } a)
            {
                _answers[(ws, a.DeliberationId, a.ParticipantKey, a.QuestionId)] = a;
            }

            commit.Concerns.ToList().ForEach(c => _concerns[(ws, c.Id)] = c with { Version = c.Version + 1 });
            commit.Suggestions.ToList().ForEach(s => _suggestions[(ws, s.Id)] = s);
            if (commit.Profile is { } profile)
            {
                _profiles[(ws, profile.UserId)] = profile;
            }

            if (commit.WaitingWords is { } words)
            {
                _waitingWords[(ws, words.UserId, words.MessageKey)] = words.Text;
            }

            if (commit.Invitation is { } invitation)
            {
                _invitations[(ws, invitation.DeliberationId)] = invitation;
            }

            if (commit.Contact is { } contact)
            {
                _contacts.Add((ws, contact));
            }

            _events.AddRange(commit.Events.Select(e => (ws, e)));
            _outbox.AddRange(commit.Outbox);
            _commits.Add(commit);
            return commit.Outbox.Count > 0 ? OutboxCommitsAs : CommitOutcome.Committed;
        }
    }

    /// <summary>
    /// What a commit that queued messages is reported as: a store that gathers messages says when all of them went
    /// into ones already waiting (this one keeps every message as it is).
    /// </summary>
    public CommitOutcome OutboxCommitsAs { get; set; } = CommitOutcome.Committed;

    /// <summary>How often a service asked whether a delivery was handled before.</summary>
    public int DeliveryChecks { get; private set; }

    public Task<bool> WasDeliveredAsync(string workspaceId, string deliveryKey, CancellationToken ct) =>
        Read(() =>
        {
            DeliveryChecks++;
            return _deliveries.Contains((workspaceId, deliveryKey));
        });

    public Task<Deliberation?> FindAsync(string workspaceId, Guid id, CancellationToken ct) =>
        Read(() => _deliberations.TryGetValue(id, out var d) && d.WorkspaceId == workspaceId ? d : null);

    public Task<Deliberation?> FindLatestOpenAsync(string workspaceId, string channel, string conversationId, CancellationToken ct) =>
        Read(() => Latest(workspaceId, channel, conversationId).FirstOrDefault(d => d.IsOpen));

    public Task<IReadOnlyList<Deliberation>> ListOpenAsync(string workspaceId, string channel, CancellationToken ct) =>
        Read<IReadOnlyList<Deliberation>>(() => [.. _deliberations.Values.Where(d => d.WorkspaceId == workspaceId && d.Home.Channel == channel && d.IsOpen).OrderBy(d => d.CreatedAt)]);

    public Task<Deliberation?> FindLatestAsync(string workspaceId, string channel, string conversationId, CancellationToken ct) =>
        Read(() => Latest(workspaceId, channel, conversationId).FirstOrDefault());

    public Task<IReadOnlyList<Concern>> ListConcernsAsync(string workspaceId, Guid deliberationId, CancellationToken ct) =>
        List(() => _concerns.Where(c => c.Key.Workspace == workspaceId && c.Value.DeliberationId == deliberationId).Select(c => c.Value).OrderBy(c => c.Number));

    public async Task<(CommitOutcome Outcome, Commit Commit)> CommitNumberedAsync(string workspaceId, Guid deliberationId, Func<int, Commit> build, CancellationToken ct)
    {
        // One numbered commit at a time, as the real stores number in the write itself.
        await _numbering.WaitAsync(ct);
        try
        {
            int next;
            lock (_gate)
            {
                next = _concerns.Where(c => c.Key.Workspace == workspaceId && c.Value.DeliberationId == deliberationId).Select(c => c.Value.Number).DefaultIfEmpty(0).Max() + 1;
            }

            var commit = build(next);
            return (await CommitAsync(commit, ct), commit);
        }
        finally
        {
            _numbering.Release();
        }
    }

    public Task<Concern?> FindConcernAsync(string workspaceId, Guid concernId, CancellationToken ct) =>
        Read(() => _concerns.GetValueOrDefault((workspaceId, concernId)));

    public Task<IReadOnlyList<Suggestion>> ListSuggestionsAsync(string workspaceId, Guid deliberationId, CancellationToken ct) =>
        List(() => _suggestions.Where(s => s.Key.Workspace == workspaceId && s.Value.DeliberationId == deliberationId).Select(s => s.Value).OrderBy(s => s.Number));

    public Task<Participant?> FindParticipantAsync(string workspaceId, Guid deliberationId, string key, CancellationToken ct) =>
        Read(() => _participants.GetValueOrDefault((workspaceId, deliberationId, key)));

    public Task<Participant?> FindParticipantAsync(string workspaceId, Guid deliberationId, string key, string otherKey, CancellationToken ct) =>
        Read(() => _participants.GetValueOrDefault((workspaceId, deliberationId, key)) ?? _participants.GetValueOrDefault((workspaceId, deliberationId, otherKey)));

    public Task<IReadOnlyList<Participant>> ListParticipantsAsync(string workspaceId, Guid deliberationId, CancellationToken ct) =>
        List(() => _participants.Where(p => p.Key.Workspace == workspaceId && p.Key.Deliberation == deliberationId).Select(p => p.Value)
            .OrderBy(p => p.JoinedAt).ThenBy(p => p.Key, StringComparer.Ordinal));

    public Task<IReadOnlyList<Answer>> ListAnswersAsync(string workspaceId, Guid deliberationId, CancellationToken ct) =>
        List(() => _answers.Where(a => a.Key.Workspace == workspaceId && a.Key.Deliberation == deliberationId).Select(a => a.Value)
            .OrderBy(a => a.AnsweredAt).ThenBy(a => a.ParticipantKey, StringComparer.Ordinal).ThenBy(a => a.QuestionId, StringComparer.Ordinal));

    public async Task<DeliberationTally> TallyAsync(string workspaceId, Guid deliberationId, CancellationToken ct) =>
        DeliberationTally.Of(await ListParticipantsAsync(workspaceId, deliberationId, ct), await ListAnswersAsync(workspaceId, deliberationId, ct));

    public async Task<IReadOnlyList<Answer>> ListConcernAnswersAsync(
        string workspaceId, Guid deliberationId, IReadOnlyCollection<string> questionIds, CancellationToken ct) =>
        [.. (await ListAnswersAsync(workspaceId, deliberationId, ct)).Where(a => a.FlaggedConcern || questionIds.Contains(a.QuestionId))];

    public async Task<IReadOnlyList<Participant>> ListParticipantsAsync(
        string workspaceId, Guid deliberationId, IReadOnlyCollection<string> keys, CancellationToken ct) =>
        [.. (await ListParticipantsAsync(workspaceId, deliberationId, ct)).Where(p => keys.Contains(p.Key))];

    public Task<IReadOnlyList<Answer>> ListAnswersOfAsync(string workspaceId, Guid deliberationId, string participantKey, CancellationToken ct) =>
        List(() => _answers.Where(a => a.Key.Workspace == workspaceId && a.Key.Deliberation == deliberationId && a.Value.ParticipantKey == participantKey).Select(a => a.Value)
            .OrderBy(a => a.AnsweredAt).ThenBy(a => a.QuestionId, StringComparer.Ordinal));

    public Task<Answer?> FindAnswerGivenByAsync(string workspaceId, IReadOnlyCollection<string> sources, CancellationToken ct) =>
        Read(() => _answers.Where(a => a.Key.Workspace == workspaceId && a.Value.Source is { } source && sources.Contains(source)).Select(a => a.Value).FirstOrDefault());

    public Task<IReadOnlyList<DeliberationEvent>> ListEventsAsync(string workspaceId, Guid deliberationId, CancellationToken ct) =>
        List(() => _events.Where(e => e.Workspace == workspaceId && e.Event.DeliberationId == deliberationId).Select(e => e.Event));

    public Task<MemberProfile?> FindProfileAsync(string workspaceId, string userId, CancellationToken ct) =>
        Read(() => _profiles.GetValueOrDefault((workspaceId, userId)));

    public Task<string?> FindWaitingWordsAsync(string workspaceId, string userId, string messageKey, CancellationToken ct) =>
        Read(() => _waitingWords.GetValueOrDefault((workspaceId, userId, messageKey)));

    public Task<CommunityInvitation?> FindInvitationAsync(string workspaceId, Guid deliberationId, CancellationToken ct) =>
        Read(() => _invitations.GetValueOrDefault((workspaceId, deliberationId)));

    public Task<CommunityInvitation?> FindInvitationByTokenAsync(string token, CancellationToken ct) =>
        Read(() => _invitations.Values.FirstOrDefault(i => i.Token == token));

    public Task<IReadOnlyList<CommunityContact>> ListContactsAsync(string workspaceId, Guid deliberationId, CancellationToken ct) =>
        List(() => _contacts.Where(c => c.Workspace == workspaceId && c.Contact.DeliberationId == deliberationId).Select(c => c.Contact).OrderBy(c => c.At));

    public Task<string?> FindFlowSourceAsync(string flowId, string version, CancellationToken ct) =>
        Read(() => _flows.GetValueOrDefault((flowId, version)));

    private IEnumerable<Deliberation> Latest(string workspaceId, string channel, string conversationId) =>
        _deliberations.Values.Where(d => d.WorkspaceId == workspaceId && d.Home.Channel == channel && d.Home.ConversationId == conversationId)
            .OrderByDescending(d => d.CreatedAt);

    private Task<T> Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return Task.FromResult(read());
        }
    }

    private Task<IReadOnlyList<T>> List<T>(Func<IEnumerable<T>> read)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<T>>([.. read()]);
        }
    }
}
