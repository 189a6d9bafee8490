using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Inbound;

namespace DeliberationBot.Slack.Tests.Infrastructure;

/// <summary>
/// A small in-memory deliberation and outbox store for these tests, with the semantics the real store promises:
/// unique delivery keys (a repeat is Duplicate and writes nothing), one transaction per commit, leases, slot
/// superseding and update-in-place. It also answers the thread index from the posted card slots.
/// </summary>
internal sealed class InMemoryStore(TimeProvider time) : IDeliberationStore, IOutboxStore, ISlackThreadIndex
{
    public Task<string?> FindSlotAsync(string workspaceId, string conversationId, string messageId, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult<string?>(_slots.FirstOrDefault(p => p.Key.Item1 == workspaceId && p.Value.ConversationId == conversationId && p.Value.MessageId == messageId).Key.Item2);
        }
    }

    private readonly Lock _lock = new();
    private readonly List<Deliberation> _deliberations = [];
    private readonly Dictionary<(Guid, string), Participant> _participants = [];
    private readonly Dictionary<(Guid, string, string), Answer> _answers = [];
    private readonly List<DeliberationEvent> _events = [];
    private readonly Dictionary<Guid, Concern> _concerns = [];
    private readonly Dictionary<(string, string), MemberProfile> _profiles = [];
    private readonly Dictionary<(string, string), string> _flowSources = [];
    private readonly HashSet<(string, string)> _deliveries = [];
    private readonly HashSet<(string, string)> _outboxKeys = [];
    private readonly List<OutboxRow> _outbox = [];
    private readonly Dictionary<(string, string), PostedMessage> _slots = [];

    internal enum RowStatus { Pending, Delivered, Failed, Superseded }

    internal sealed class OutboxRow(OutboxMessage message)
    {
        public OutboxMessage Message { get; } = message;
        public RowStatus Status { get; set; }
        public int Attempts { get; set; }
        public DateTimeOffset NotBefore { get; set; } = message.CreatedAt;
        public DateTimeOffset? LeasedUntil { get; set; }
        public string? Error { get; set; }
    }

    public IReadOnlyList<OutboxRow> Outbox { get { lock (_lock) { return [.. _outbox]; } } }

    public IReadOnlyList<Deliberation> Deliberations { get { lock (_lock) { return [.. _deliberations]; } } }

    public IReadOnlyList<DeliberationEvent> Events { get { lock (_lock) { return [.. _events]; } } }

    public IReadOnlyList<Answer> Answers { get { lock (_lock) { return [.. _answers.Values]; } } }

    public PostedMessage? Slot(string workspaceId, string slot) { lock (_lock) { return _slots.GetValueOrDefault((workspaceId, slot)); } }

    public Task<CommitOutcome> CommitAsync(Commit commit, CancellationToken ct)
    {
        lock (_lock)
        {
            if (commit.DeliveryKey is not null && !_deliveries.Add((commit.WorkspaceId, commit.DeliveryKey)))
            {
                return Task.FromResult(CommitOutcome.Duplicate);
            }

            if (commit.Deliberation is { } d)
            {
                _deliberations.RemoveAll(x => x.Id == d.Id);
                _deliberations.Add(d);
            }

            if (commit.FlowSnapshot is { } flow)
            {
                _flowSources[(flow.Id, flow.Version)] = flow.Source;
            }

            foreach (var p in commit.Participants)
            {
                _participants[(p.DeliberationId, p.Key)] = p;
            }

            if (commit.Answer is { } a)
            {
                _answers[(a.DeliberationId, a.ParticipantKey, a.QuestionId)] = a;
            }

            foreach (var concern in commit.Concerns)
            {
                _concerns[concern.Id] = concern;
            }

            if (commit.Profile is { } profile)
            {
                _profiles[(profile.WorkspaceId, profile.UserId)] = profile;
            }

            _events.AddRange(commit.Events);
            foreach (var message in commit.Outbox)
            {
                if (_outboxKeys.Add((message.WorkspaceId, message.IdempotencyKey)))
                {
                    _outbox.Add(new OutboxRow(message));
                }
            }

            return Task.FromResult(CommitOutcome.Committed);
        }
    }

    public Task<bool> WasDeliveredAsync(string workspaceId, string deliveryKey, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_deliveries.Contains((workspaceId, deliveryKey)));
        }
    }

    public Task<Deliberation?> FindAsync(string workspaceId, Guid id, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_deliberations.FirstOrDefault(d => d.WorkspaceId == workspaceId && d.Id == id));
        }
    }

    public Task<Deliberation?> FindLatestOpenAsync(string workspaceId, string channel, string conversationId, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_deliberations
                .Where(d => d.WorkspaceId == workspaceId && d.Home.Channel == channel && d.Home.ConversationId == conversationId && d.IsOpen)
                .OrderByDescending(d => d.CreatedAt).FirstOrDefault());
        }
    }

    public Task<Deliberation?> FindLatestAsync(string workspaceId, string channel, string conversationId, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_deliberations
                .Where(d => d.WorkspaceId == workspaceId && d.Home.Channel == channel && d.Home.ConversationId == conversationId)
                .OrderByDescending(d => d.CreatedAt).FirstOrDefault());
        }
    }

    public Task<IReadOnlyList<Concern>> ListConcernsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        lock (_lock)
        {
            IReadOnlyList<Concern> list = InWorkspace(workspaceId, deliberationId)
                ? [.. _concerns.Values.Where(c => c.DeliberationId == deliberationId).OrderBy(c => c.Number)]
                : [];
            return Task.FromResult(list);
        }
    }

    public Task<Concern?> FindConcernAsync(string workspaceId, Guid concernId, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_concerns.TryGetValue(concernId, out var c) && InWorkspace(workspaceId, c.DeliberationId) ? c : null);
        }
    }

    public Task<Participant?> FindParticipantAsync(string workspaceId, Guid deliberationId, string key, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(InWorkspace(workspaceId, deliberationId) ? _participants.GetValueOrDefault((deliberationId, key)) : null);
        }
    }

    public Task<IReadOnlyList<Participant>> ListParticipantsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        lock (_lock)
        {
            IReadOnlyList<Participant> list = InWorkspace(workspaceId, deliberationId) ? [.. _participants.Values.Where(p => p.DeliberationId == deliberationId)] : [];
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<Answer>> ListAnswersAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        lock (_lock)
        {
            IReadOnlyList<Answer> list = InWorkspace(workspaceId, deliberationId) ? [.. _answers.Values.Where(a => a.DeliberationId == deliberationId)] : [];
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<DeliberationEvent>> ListEventsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        lock (_lock)
        {
            IReadOnlyList<DeliberationEvent> list = InWorkspace(workspaceId, deliberationId) ? [.. _events.Where(e => e.DeliberationId == deliberationId)] : [];
            return Task.FromResult(list);
        }
    }

    public Task<MemberProfile?> FindProfileAsync(string workspaceId, string userId, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_profiles.GetValueOrDefault((workspaceId, userId)));
        }
    }

    public Task<string?> FindFlowSourceAsync(string flowId, string version, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_flowSources.GetValueOrDefault((flowId, version)));
        }
    }

    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string instanceId, int max, TimeSpan lease, CancellationToken ct)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var pending = _outbox.Where(r => r.Status == RowStatus.Pending).ToList();
            foreach (var older in pending.Where(r => r.Message.SlotKey is not null)
                         .GroupBy(r => (r.Message.WorkspaceId, r.Message.SlotKey))
                         .SelectMany(g => g.SkipLast(1)))
            {
                older.Status = RowStatus.Superseded;
            }

            var due = pending.Where(r => r.Status == RowStatus.Pending && r.NotBefore <= now && (r.LeasedUntil is null || r.LeasedUntil <= now)).Take(max).ToList();
            IReadOnlyList<OutboxItem> items = [.. due.Select(r =>
            {
                r.Attempts++;
                r.LeasedUntil = now + lease;
                var previous = r.Message.SlotKey is { } slot ? _slots.GetValueOrDefault((r.Message.WorkspaceId, slot)) : null;
                return new OutboxItem(r.Message, r.Attempts, previous);
            })];
            return Task.FromResult(items);
        }
    }

    public Task MarkDeliveredAsync(OutboxMessage message, PostedMessage? posted, CancellationToken ct)
    {
        lock (_lock)
        {
            Row(message.Id).Status = RowStatus.Delivered;
            if (message.SlotKey is { } slot && posted is not null)
            {
                _slots[(message.WorkspaceId, slot)] = posted;
            }

            return Task.CompletedTask;
        }
    }

    public Task MarkRetryAsync(Guid id, DateTimeOffset notBefore, string error, CancellationToken ct)
    {
        lock (_lock)
        {
            var row = Row(id);
            row.NotBefore = notBefore;
            row.LeasedUntil = null;
            row.Error = error;
            return Task.CompletedTask;
        }
    }

    public Task MarkFailedAsync(Guid id, string error, CancellationToken ct)
    {
        lock (_lock)
        {
            var row = Row(id);
            row.Status = RowStatus.Failed;
            row.Error = error;
            return Task.CompletedTask;
        }
    }

    public Task<int> CountPendingAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_outbox.Count(r => r.Status == RowStatus.Pending));
        }
    }

    public Task<Guid?> FindDeliberationAsync(string teamId, string channelId, string threadTs, CancellationToken ct)
    {
        lock (_lock)
        {
            foreach (var ((workspace, slot), posted) in _slots)
            {
                if (workspace == teamId && slot.StartsWith("card:", StringComparison.Ordinal) && posted.ConversationId == channelId && posted.MessageId == threadTs)
                {
                    return Task.FromResult<Guid?>(Guid.ParseExact(slot["card:".Length..], "N"));
                }
            }

            return Task.FromResult<Guid?>(null);
        }
    }

    private bool InWorkspace(string workspaceId, Guid deliberationId) => _deliberations.Any(d => d.Id == deliberationId && d.WorkspaceId == workspaceId);

    private OutboxRow Row(Guid id) => _outbox.Single(r => r.Message.Id == id);
}
