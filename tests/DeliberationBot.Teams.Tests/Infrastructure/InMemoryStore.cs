using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Scheduling;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>
/// A deliberation store and outbox in memory, with the contract's essentials: one commit at a time, a delivery key
/// seen before makes the commit a duplicate that writes nothing, idempotency keys are unique per workspace, leases,
/// and only the newest pending message of a slot is sent.
/// </summary>
internal sealed class InMemoryStore(TimeProvider time) : IDeliberationStore, IOutboxStore, IScheduleStore
{
    private readonly Lock _gate = new();
    private readonly HashSet<(string, string)> _deliveries = [];
    private readonly Dictionary<Guid, Deliberation> _deliberations = [];
    private readonly Dictionary<(string, string), string> _flows = [];
    private readonly Dictionary<(Guid, string), Participant> _participants = [];
    private readonly Dictionary<(Guid, string, string), Answer> _answers = [];
    private readonly Dictionary<(string, string), MemberProfile> _profiles = [];
    private readonly List<DeliberationEvent> _events = [];
    private readonly List<Row> _outbox = [];
    private readonly Dictionary<(string, string), PostedMessage> _posted = [];
    private readonly Dictionary<Guid, Concern> _concerns = [];
    private readonly Dictionary<(string, string), DigestSubscription> _subscriptions = [];

    public enum State
    {
        Pending,
        Delivered,
        Failed,
        Superseded,
    }

    public sealed class Row(OutboxMessage message)
    {
        public OutboxMessage Message { get; } = message;

        public State State { get; set; }

        public int Attempts { get; set; }

        public DateTimeOffset NotBefore { get; set; } = message.CreatedAt;

        public DateTimeOffset? LeasedUntil { get; set; }

        public string? Error { get; set; }
    }

    public IReadOnlyList<Row> Outbox
    {
        get
        {
            lock (_gate)
            {
                return [.. _outbox];
            }
        }
    }

    public IReadOnlyList<Deliberation> Deliberations
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliberations.Values];
            }
        }
    }

    public int CommitCount { get; private set; }

    public Task<CommitOutcome> CommitAsync(Commit commit, CancellationToken ct)
    {
        lock (_gate)
        {
            var ws = commit.WorkspaceId;
            if (commit.DeliveryKey is { } key && _deliveries.Contains((ws, key)))
            {
                return Task.FromResult(CommitOutcome.Duplicate);
            }

            foreach (var m in commit.Outbox)
            {
                if (_outbox.Any(r => r.Message.WorkspaceId == m.WorkspaceId && r.Message.IdempotencyKey == m.IdempotencyKey))
                {
                    throw new InvalidOperationException($"idempotency key {m.IdempotencyKey} used twice");
                }
            }

            if (commit.DeliveryKey is { } k)
            {
                _deliveries.Add((ws, k));
            }

            if (commit.FlowSnapshot is { } flow)
            {
                _flows.TryAdd((flow.Id, flow.Version), flow.Source);
            }

            if (commit.Deliberation is { } d)
            {
                _deliberations[d.Id] = d;
            }

            foreach (var p in commit.Participants)
            {
                _participants[(p.DeliberationId, p.Key)] = p;
            }

            foreach (var c in commit.Concerns)
            {
                _concerns[c.Id] = c;
            }

            if (commit.Subscription is { } subscription)
            {
                _subscriptions[(subscription.WorkspaceId, subscription.User.Id)] = subscription;
            }

            if (commit.Answer is { } a)
            {
                _answers[(a.DeliberationId, a.ParticipantKey, a.QuestionId)] = a;
            }

            if (commit.Profile is { } profile)
            {
                _profiles[(profile.WorkspaceId, profile.UserId)] = profile;
            }

            _events.AddRange(commit.Events);
            _outbox.AddRange(commit.Outbox.Select(m => new Row(m)));
            CommitCount++;
            return Task.FromResult(CommitOutcome.Committed);
        }
    }

    public Task<bool> WasDeliveredAsync(string workspaceId, string deliveryKey, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_deliveries.Contains((workspaceId, deliveryKey)));
        }
    }

    public Task<Deliberation?> FindAsync(string workspaceId, Guid id, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_deliberations.TryGetValue(id, out var d) && d.WorkspaceId == workspaceId ? d : null);
        }
    }

    public Task<Deliberation?> FindLatestOpenAsync(string workspaceId, string channel, string conversationId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_deliberations.Values
                .Where(d => d.WorkspaceId == workspaceId && d.IsOpen && d.Home.Channel == channel && d.Home.ConversationId == conversationId)
                .OrderByDescending(d => d.CreatedAt)
                .FirstOrDefault());
        }
    }

    public Task<Deliberation?> FindLatestAsync(string workspaceId, string channel, string conversationId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_deliberations.Values
                .Where(d => d.WorkspaceId == workspaceId && d.Home.Channel == channel && d.Home.ConversationId == conversationId)
                .OrderByDescending(d => d.CreatedAt)
                .FirstOrDefault());
        }
    }

    public Task<IReadOnlyList<Concern>> ListConcernsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Concern>>(InWorkspace(workspaceId, deliberationId)
                ? [.. _concerns.Values.Where(c => c.DeliberationId == deliberationId).OrderBy(c => c.Number)]
                : []);
        }
    }

    public Task<Concern?> FindConcernAsync(string workspaceId, Guid concernId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_concerns.TryGetValue(concernId, out var c) && InWorkspace(workspaceId, c.DeliberationId) ? c : null);
        }
    }

    public Task<Participant?> FindParticipantAsync(string workspaceId, Guid deliberationId, string key, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(InWorkspace(workspaceId, deliberationId) ? _participants.GetValueOrDefault((deliberationId, key)) : null);
        }
    }

    public Task<IReadOnlyList<Participant>> ListParticipantsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Participant>>(InWorkspace(workspaceId, deliberationId)
                ? [.. _participants.Values.Where(p => p.DeliberationId == deliberationId).OrderBy(p => p.JoinedAt)]
                : []);
        }
    }

    public Task<IReadOnlyList<Answer>> ListAnswersAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Answer>>(InWorkspace(workspaceId, deliberationId)
                ? [.. _answers.Values.Where(a => a.DeliberationId == deliberationId).OrderBy(a => a.AnsweredAt)]
                : []);
        }
    }

    public Task<IReadOnlyList<DeliberationEvent>> ListEventsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DeliberationEvent>>(InWorkspace(workspaceId, deliberationId)
                ? [.. _events.Where(e => e.DeliberationId == deliberationId)]
                : []);
        }
    }

    public Task<MemberProfile?> FindProfileAsync(string workspaceId, string userId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_profiles.GetValueOrDefault((workspaceId, userId)));
        }
    }

    public Task<string?> FindFlowSourceAsync(string flowId, string version, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_flows.GetValueOrDefault((flowId, version)));
        }
    }

    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string instanceId, int max, TimeSpan lease, CancellationToken ct)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var claimed = new List<OutboxItem>();
            foreach (var row in _outbox.Where(r => r.State == State.Pending && r.NotBefore <= now && (r.LeasedUntil is null || r.LeasedUntil < now))
                         .OrderBy(r => r.Message.CreatedAt).ToList())
            {
                if (claimed.Count >= max)
                {
                    break;
                }

                var slot = row.Message.SlotKey;
                if (slot is not null)
                {
                    var sameSlot = _outbox.Where(r => r != row && r.State == State.Pending && r.Message.WorkspaceId == row.Message.WorkspaceId && r.Message.SlotKey == slot).ToList();
                    if (sameSlot.Any(r => r.Message.CreatedAt > row.Message.CreatedAt))
                    {
                        row.State = State.Superseded;
                        continue;
                    }

                    if (sameSlot.Any(r => r.LeasedUntil >= now))
                    {
                        continue;
                    }
                }

                row.LeasedUntil = now + lease;
                row.Attempts++;
                var posted = slot is null ? null : _posted.GetValueOrDefault((row.Message.WorkspaceId, slot));
                claimed.Add(new OutboxItem(row.Message, row.Attempts, posted));
            }

            return Task.FromResult<IReadOnlyList<OutboxItem>>(claimed);
        }
    }

    public Task MarkDeliveredAsync(OutboxMessage message, PostedMessage? posted, CancellationToken ct)
    {
        lock (_gate)
        {
            var row = _outbox.Single(r => r.Message.Id == message.Id);
            row.State = State.Delivered;
            row.LeasedUntil = null;
            if (message.SlotKey is { } slot && posted is not null)
            {
                _posted[(message.WorkspaceId, slot)] = posted;
            }

            return Task.CompletedTask;
        }
    }

    public Task MarkRetryAsync(Guid id, DateTimeOffset notBefore, string error, CancellationToken ct)
    {
        lock (_gate)
        {
            var row = _outbox.Single(r => r.Message.Id == id);
            row.NotBefore = notBefore;
            row.LeasedUntil = null;
            row.Error = error;
            return Task.CompletedTask;
        }
    }

    public Task MarkFailedAsync(Guid id, string error, CancellationToken ct)
    {
        lock (_gate)
        {
            var row = _outbox.Single(r => r.Message.Id == id);
            row.State = State.Failed;
            row.LeasedUntil = null;
            row.Error = error;
            return Task.CompletedTask;
        }
    }

    public Task<int> CountPendingAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_outbox.Count(r => r.State == State.Pending));
        }
    }

    public Task<string?> FindSlotAsync(string workspaceId, string conversationId, string messageId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<string?>(_posted.Where(p => p.Key.Item1 == workspaceId && p.Value.ConversationId == conversationId && p.Value.MessageId == messageId).Select(p => p.Key.Item2).FirstOrDefault());
        }
    }

    public Task<DigestSubscription?> FindSubscriptionAsync(string workspaceId, string userId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_subscriptions.GetValueOrDefault((workspaceId, userId)));
        }
    }

    public Task<IReadOnlyList<DigestSubscription>> ListDueSubscriptionsAsync(DateTimeOffset now, int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<DigestSubscription>>([]);

    public Task<IReadOnlyList<Deliberation>> ListDeliberationsAsync(string workspaceId, DateTimeOffset closedSince, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Deliberation>>([.. _deliberations.Values.Where(d => d.WorkspaceId == workspaceId && (d.IsOpen || d.ClosedAt >= closedSince))]);
        }
    }

    public Task<IReadOnlyList<Deliberation>> ListOpenDeliberationsAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Deliberation>>([.. _deliberations.Values.Where(d => d.IsOpen)]);
        }
    }

    public Task<bool> TryAcquireLeaseAsync(string job, string holder, TimeSpan lease, CancellationToken ct) => Task.FromResult(true);

    public Task ReleaseLeaseAsync(string job, string holder, CancellationToken ct) => Task.CompletedTask;

    private bool InWorkspace(string workspaceId, Guid deliberationId) =>
        _deliberations.TryGetValue(deliberationId, out var d) && d.WorkspaceId == workspaceId;
}
