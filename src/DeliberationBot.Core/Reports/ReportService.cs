using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Exports;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Reports;

/// <summary><c>report</c> and <c>report revoke</c>, the links sent on close, and the page behind a link.</summary>
public sealed class ReportService(TurnSupport turn, IReportLinkSigner links, IExportLinkSigner exports, ISummaryTextSource summaries)
{
    /// <summary>Recorded by <c>report revoke</c>; its data is the one person whose links stop working, or null for everyone's.</summary>
    public const string RevokedEvent = "report.links-revoked";

    public const string HowToGetANewLink =
        "Type \"report\" in the conversation where the deliberation runs (in Slack: /deliberate report; in Teams: @DeliberationBot report), and the bot sends you a new link privately.";

    public async Task<TurnResult> IssueAsync(Actor actor, Guid deliberationId, CancellationToken ct)
    {
        var d = await turn.Store.FindAsync(actor.WorkspaceId, deliberationId, ct);
        return d is null ? TurnResult.Error(TurnSupport.NotFound) : TurnResult.Reply(links.Sign(d.WorkspaceId, d.Id, d.Title, actor.User));
    }

    public async Task<TurnResult> RevokeAsync(Actor actor, Guid deliberationId, UserRef? only, string deliveryKey, CancellationToken ct)
    {
        var d = await turn.Store.FindAsync(actor.WorkspaceId, deliberationId, ct);
        if (d is null)
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        if (d.Facilitator.Id != actor.User.Id)
        {
            return TurnResult.Error($"Only the facilitator ({d.Facilitator.Display}) can revoke links to the page of \"{d.Title}\".");
        }

        var revoked = new DeliberationEvent(d.Id, RevokedEvent, TurnSupport.NamedKey(actor.User.Id), null, only?.Id, turn.Now);
        if (await turn.CommitAsync(new Commit(d.WorkspaceId, deliveryKey) { Events = [revoked] }, ct) == CommitOutcome.Duplicate)
        {
            return TurnResult.AlreadyHandled;
        }

        return TurnResult.Reply(new Confirmation(only is null
            ? $"Every link to the page of \"{d.Title}\" sent so far has stopped working. Anyone who still needs the page can type \"report\" for a new link."
            : $"Any link to the page of \"{d.Title}\" sent to {only.Display} so far has stopped working."));
    }

    /// <summary>On close: the facilitator and each owner get their own link, privately.</summary>
    public IEnumerable<OutboxMessage> LinksForLeaders(Deliberation d, string deliveryKey) =>
        d.Owners.Prepend(d.Facilitator).DistinctBy(u => u.Id).Select(u =>
            turn.Outbox(d.WorkspaceId, $"{deliveryKey}/report/{u.Id}", Destination.PrivatelyTo(d.Home, u), links.Sign(d.WorkspaceId, d.Id, d.Title, u)));

    /// <summary>The page a token opens, or null when the token is forged, altered, expired, revoked or for another deliberation.</summary>
    public async Task<ReportView?> OpenAsync(Guid deliberationId, string? token, CancellationToken ct)
    {
        if (token is null || links.Verify(token) is not { } grant || grant.DeliberationId != deliberationId
            || await turn.LoadAsync(grant.WorkspaceId, grant.DeliberationId, ct) is not var (d, flow))
        {
            return null;
        }

        var store = turn.Store;
        var events = await store.ListEventsAsync(d.WorkspaceId, d.Id, ct);
        if (events.Any(e => e.Type == RevokedEvent && e.At >= grant.IssuedAt && (e.Data is null || e.Data == grant.UserId)))
        {
            return null;
        }

        var source = new ReportSource(
            d, flow, await store.ListParticipantsAsync(d.WorkspaceId, d.Id, ct), await store.ListAnswersAsync(d.WorkspaceId, d.Id, ct),
            await store.ListConcernsAsync(d.WorkspaceId, d.Id, ct), events, await summaries.SummaryAsync(d, ct), summaries.MinGroupSize);
        var audience = d.MayClose(new UserRef(grant.UserId)) ? ReportAudience.Leader : ReportAudience.Participant;
        return ReportViews.Build(source, audience, audience == ReportAudience.Leader ? exports.Sign(d.WorkspaceId, d.Id, d.Title) : null, turn.Now);
    }
}
