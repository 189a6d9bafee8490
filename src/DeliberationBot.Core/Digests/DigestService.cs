using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;
using DeliberationBot.Core.Scheduling;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Core.Digests;

/// <summary><c>digest subscribe|unsubscribe|preview</c>, and producing each subscriber's digest once a week.</summary>
public sealed class DigestService(TurnSupport turn, IScheduleStore schedule, IOptions<DigestOptions> options, IReportLinkSigner reports) : IScheduledJob
{
    public static readonly DayOfWeek DefaultDay = DayOfWeek.Monday;
    public static readonly TimeOnly DefaultTime = new(9, 0);

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
            $"You'll get the weekly digest privately every {subscription.Day} at {subscription.Time:HH\\:mm} ({zone.Id}). The next one comes {local:dddd d MMMM, HH:mm}."));
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
        var sources = await SourcesAsync(actor.WorkspaceId, ct);
        return TurnResult.Reply(Compose(sources, actor.WorkspaceId, actor.User, since, DigestSchedule.WeekOf(turn.Now, zone), late: false, wasDue: null, zone));
    }

    /// <summary>
    /// The job: every subscriber whose time has come gets one digest for that week, late ones once and marked late. The
    /// workspace's deliberations are read once per run, not once per subscriber: every reader's digest is composed from
    /// the same record.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var record = new Dictionary<string, IReadOnlyList<DigestSource>>(StringComparer.Ordinal);
        foreach (var subscription in await schedule.ListDueSubscriptionsAsync(turn.Now, 200, ct))
        {
            var zone = DigestSchedule.Zone(subscription.TimeZone);
            var now = turn.Now;
            var due = DigestSchedule.Latest(subscription.Day, subscription.Time, zone, now);
            var week = DigestSchedule.WeekOf(due, zone);
            var advanced = subscription with { NextDueAt = DigestSchedule.Next(subscription.Day, subscription.Time, zone, now) };
            if (week == subscription.LastWeek)
            {
                await turn.CommitAsync(new Commit(subscription.WorkspaceId, null) { Subscription = advanced }, ct);
                continue;
            }

            var late = now - due > options.Value.LateAfter;
            if (!record.TryGetValue(subscription.WorkspaceId, out var sources))
            {
                record[subscription.WorkspaceId] = sources = await SourcesAsync(subscription.WorkspaceId, ct);
            }

            var digest = Compose(sources, subscription.WorkspaceId, subscription.User, subscription.LastSentAt ?? now.AddDays(-7), week, late, late ? due : null, zone);
            var message = turn.Outbox(subscription.WorkspaceId, $"digest:{subscription.User.Id}:{week}", Destination.PrivatelyTo(subscription.Context, subscription.User), digest);
            await turn.CommitAsync(new Commit(subscription.WorkspaceId, null) { Subscription = advanced with { LastWeek = week, LastSentAt = now }, Outbox = [message] }, ct);
        }
    }

    /// <summary>The workspace's deliberations of the last 180 days, each with its concerns and participants.</summary>
    private async Task<IReadOnlyList<DigestSource>> SourcesAsync(string workspaceId, CancellationToken ct)
    {
        var sources = new List<DigestSource>();
        foreach (var d in await schedule.ListDeliberationsAsync(workspaceId, turn.Now.AddDays(-180), ct))
        {
            sources.Add(new DigestSource(d, await turn.Store.ListConcernsAsync(workspaceId, d.Id, ct), await turn.Store.ListParticipantsAsync(workspaceId, d.Id, ct)));
        }

        return sources;
    }

    /// <summary>The digest for one reader, with their own link to each deliberation's page.</summary>
    private WeeklyDigest Compose(IReadOnlyList<DigestSource> sources, string workspaceId, UserRef reader, DateTimeOffset since, string week, bool late, DateTimeOffset? wasDue, TimeZoneInfo zone)
    {
        var digest = DigestComposer.Compose(sources, turn.Now, since, options.Value.StaleAfterDays, week, late, wasDue, zone.Id);
        return digest with { Proposals = [.. digest.Proposals.Select(p => p with { Report = reports.Sign(workspaceId, p.Id, p.Title, reader).Page })] };
    }
}
