using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;
using DeliberationBot.Core.Scheduling;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Core.Digests;

/// <summary><c>digest subscribe|unsubscribe|preview</c>, and producing each subscriber's digest once a week.</summary>
public sealed class DigestService(
    TurnSupport turn, IScheduleStore schedule, IDigestStore digests, DigestSourceReader sources, DigestAudience audience, OutboxSignal signal, IOptions<DigestOptions> options, IReportLinkSigner reports) : IScheduledJob
{
    public static readonly DayOfWeek DefaultDay = DayOfWeek.Monday;
    public static readonly TimeOnly DefaultTime = new(9, 0);

    /// <summary>Subscribers read and committed together: one transaction each, whatever the number due.</summary>
    public const int Batch = 200;

    /// <summary>How long a run's snapshot is kept: well past any retry of the digests that refer to it.</summary>
    public static readonly TimeSpan KeepSnapshots = TimeSpan.FromDays(28);

    public string Name => "digests";

    public string Cron => "* * * * *";

    public async Task<TurnResult> SubscribeAsync(Actor actor, ConversationRef context, DayOfWeek? day, TimeOnly? time, string deliveryKey, CancellationToken ct)
    {
        var profile = await turn.Store.FindProfileAsync(actor.WorkspaceId, actor.User.Id, ct);
        var zoneId = actor.TimeZone ?? profile?.TimeZone ?? options.Value.DefaultTimeZone;
        var zone = DigestSchedule.Zone(zoneId);
        var existing = await schedule.FindSubscriptionAsync(actor.WorkspaceId, actor.User.Id, ct);
        var subscription = new DigestSubscription(
            actor.WorkspaceId, actor.User, context, day ?? existing?.Day ?? DefaultDay, time ?? existing?.Time ?? DefaultTime, zone.Id, true,
            DigestSchedule.Next(day ?? existing?.Day ?? DefaultDay, time ?? existing?.Time ?? DefaultTime, zone, turn.Now), existing?.LastWeek, existing?.LastSentAt);
        var commit = new Commit(actor.WorkspaceId, deliveryKey)
        {
            Subscription = subscription,
            Profile = actor.TimeZone is null ? null : new MemberProfile(actor.WorkspaceId, actor.User.Id, profile?.Group, actor.TimeZone),
        };
        if (await turn.CommitAsync(commit, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        var local = TimeZoneInfo.ConvertTime(subscription.NextDueAt, zone);
        return TurnResult.Reply(new Confirmation(
            $"You'll get the weekly digest privately every {subscription.Day} at {subscription.Time:HH\\:mm} ({zone.Id}): the deliberations of the conversations you are in, " +
            $"and those you facilitate or own. The next one comes {local:dddd d MMMM, HH:mm}."));
    }

    public async Task<TurnResult> UnsubscribeAsync(Actor actor, string deliveryKey, CancellationToken ct)
    {
        var existing = await schedule.FindSubscriptionAsync(actor.WorkspaceId, actor.User.Id, ct);
        if (existing is not { Active: true })
        {
            return TurnResult.Reply(new Confirmation("You weren't subscribed to the weekly digest."));
        }

        var outcome = await turn.CommitAsync(new Commit(actor.WorkspaceId, deliveryKey) { Subscription = existing with { Active = false } }, ct);
        return outcome == CommitOutcome.Duplicate ? TurnResult.AlreadyHandled : TurnResult.Reply(new Confirmation("Done: no more weekly digests."));
    }

    /// <summary>This week's digest now, for the person asking; nothing is stored or sent to anyone else.</summary>
    public async Task<TurnResult> PreviewAsync(Actor actor, CancellationToken ct)
    {
        var subscription = await schedule.FindSubscriptionAsync(actor.WorkspaceId, actor.User.Id, ct);
        var zone = DigestSchedule.Zone(subscription?.TimeZone ?? actor.TimeZone ?? options.Value.DefaultTimeZone);
        var since = subscription?.LastSentAt ?? turn.Now.AddDays(-7);
        var read = await sources.ReadAsync(actor.WorkspaceId, turn.Now, deliveryKey: null, ct);
        var snapshot = DigestComposer.Snapshot(Guid.Empty, actor.WorkspaceId, read, turn.Now, options.Value.StaleAfterDays);
        var digest = snapshot.For(since, DigestSchedule.WeekOf(turn.Now, zone), late: false, wasDue: null, zone.Id);
        try
        {
            digest = await audience.ForReaderAsync(digest, snapshot.Homes!, actor.User, ct);
        }
        catch (ConversationReadersUnavailableException)
        {
            return TurnResult.Reply(new Confirmation("I couldn't check just now who may read each deliberation's conversation, so there is no preview. Type \"digest preview\" again in a minute."));
        }

        return TurnResult.Reply(DigestSnapshot.WithLinks(digest, reports, actor.WorkspaceId, actor.User));
    }

    /// <summary>
    /// The job: every subscriber whose time has come gets one digest for that week, late ones once and marked late.
    /// Each workspace's part is composed and stored once per run (<see cref="DigestSnapshot"/>); a reader's outbox row
    /// refers to it and commits with their subscription's advance, <see cref="Batch"/> subscribers per transaction.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var now = turn.Now;
        var snapshots = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var seen = new HashSet<(string WorkspaceId, string UserId)>();
        while (true)
        {
            var due = await schedule.ListDueSubscriptionsAsync(now, Batch, ct);
            var batch = due.Where(s => seen.Add((s.WorkspaceId, s.User.Id))).ToList();
            if (batch.Count == 0)
            {
                break; // none left, or only those whose write was refused this run: they come again next run
            }

            var writes = new List<DigestWrite>(batch.Count);
            foreach (var subscription in batch)
            {
                writes.Add(await NextAsync(subscription, now, snapshots, ct));
            }

            await CommitAsync(writes, ct);
        }

        await digests.PruneSnapshotsAsync(now - KeepSnapshots, ct);
    }

    /// <summary>A subscriber's subscription moved to its next time and, unless this week's digest was made already, the digest.</summary>
    private async Task<DigestWrite> NextAsync(DigestSubscription subscription, DateTimeOffset now, Dictionary<string, Guid> snapshots, CancellationToken ct)
    {
        var zone = DigestSchedule.Zone(subscription.TimeZone);
        var due = DigestSchedule.Latest(subscription.Day, subscription.Time, zone, now);
        var week = DigestSchedule.WeekOf(due, zone);
        var advanced = subscription with { NextDueAt = DigestSchedule.Next(subscription.Day, subscription.Time, zone, now) };
        if (week == subscription.LastWeek)
        {
            return new DigestWrite(advanced, null);
        }

        if (!snapshots.TryGetValue(subscription.WorkspaceId, out var snapshot))
        {
            snapshots[subscription.WorkspaceId] = snapshot = await SnapshotAsync(subscription.WorkspaceId, now, ct);
        }

        var late = now - due > options.Value.LateAfter;
        var reference = new DigestReference(snapshot, subscription.LastSentAt ?? now.AddDays(-7), week, late, late ? due : null, zone.Id);
        var message = turn.Outbox(subscription.WorkspaceId, $"digest:{subscription.User.Id}:{week}", Destination.PrivatelyTo(subscription.Context, subscription.User), reference);
        return new DigestWrite(advanced with { LastWeek = week, LastSentAt = now }, message);
    }

    /// <summary>Composes and stores the workspace's part of this run's digests; returns its id.</summary>
    private async Task<Guid> SnapshotAsync(string workspaceId, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(now);
        var read = await sources.ReadAsync(workspaceId, now, $"digest-concerns:{id:N}", ct);
        var snapshot = DigestComposer.Snapshot(id, workspaceId, read, now, options.Value.StaleAfterDays);
        await digests.SaveSnapshotAsync(snapshot, ct);
        return snapshot.Id;
    }

    private async Task CommitAsync(IReadOnlyList<DigestWrite> writes, CancellationToken ct)
    {
        if (await digests.CommitAsync(writes, ct) == CommitOutcome.Duplicate)
        {
            // Some digest of the batch was made already (another instance's run, which the lease should prevent): each
            // on its own, so what was done stays done once and the rest is written.
            foreach (var write in writes)
            {
                await turn.CommitAsync(new Commit(write.Subscription.WorkspaceId, null) { Subscription = write.Subscription, Outbox = write.Message is null ? [] : [write.Message] }, ct);
            }
        }
        else if (writes.Any(w => w.Message is not null))
        {
            signal.Notify();
        }
    }
}
