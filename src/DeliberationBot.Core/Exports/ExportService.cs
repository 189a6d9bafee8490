using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Exports;

/// <summary>Signs links that let people of one workspace read one deliberation's record for a while. Implemented by the host.</summary>
public interface IExportLinkSigner
{
    ExportLink Sign(string workspaceId, Guid deliberationId, string title);

    /// <summary>The workspace and deliberation a token grants, or null when it is forged or expired.</summary>
    (string WorkspaceId, Guid DeliberationId)? Verify(string token);
}

public enum ExportFormat
{
    Markdown,
    Json,
}

/// <summary>The <c>export</c> command, and the record behind an export link.</summary>
public sealed class ExportService(TurnSupport turn, IExportLinkSigner signer, ISummaryTextSource? summaries = null)
{
    public const int DefaultMinGroupSize = 3;

    public async Task<TurnResult> IssueAsync(Actor actor, Guid deliberationId, CancellationToken ct)
    {
        var d = await turn.Store.FindAsync(actor.WorkspaceId, deliberationId, ct);
        if (d is null)
        {
            return TurnResult.Error(TurnSupport.NotFound);
        }

        // The record names people who answered by name: it is for those who run the deliberation.
        return d.MayClose(actor.User)
            ? TurnResult.Reply(signer.Sign(d.WorkspaceId, d.Id, d.Title))
            : TurnResult.Error(
                $"Only the facilitator ({d.Facilitator.Display}) and the owners ({string.Join(", ", d.Owners.Select(o => o.Display))}) can export the whole record of \"{d.Title}\". Ask one of them, or type \"concerns\" to see the concerns.");
    }

    public async Task<DeliberationRecord?> RecordAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        if (await turn.LoadAsync(workspaceId, deliberationId, ct) is not var (d, flow))
        {
            return null;
        }

        var store = turn.Store;
        var summary = summaries is null ? null : await summaries.SummaryTextAsync(d, ct);
        return DeliberationRecords.Build(
            d, flow, await store.ListParticipantsAsync(workspaceId, d.Id, ct), await store.ListAnswersAsync(workspaceId, d.Id, ct),
            await store.ListConcernsAsync(workspaceId, d.Id, ct), await store.ListEventsAsync(workspaceId, d.Id, ct),
            summaries?.MinGroupSize ?? DefaultMinGroupSize, summary);
    }
}

/// <summary>The summary's text for the record, when a summariser is configured.</summary>
public interface ISummaryTextSource
{
    int MinGroupSize { get; }

    Task<string?> SummaryTextAsync(Deliberation deliberation, CancellationToken ct);

    /// <summary>The summary itself, for the deliberation's page.</summary>
    Task<Summaries.DeliberationSummary> SummaryAsync(Deliberation deliberation, CancellationToken ct);
}
