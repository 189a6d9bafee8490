using System.Globalization;
using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Storage.Rows;
using Microsoft.EntityFrameworkCore;

namespace DeliberationBot.Storage.Deliberations;

/// <summary>The store's reads: each scoped to its workspace, untracked, mapped to Core's records.</summary>
internal sealed partial class EfDeliberationStore
{
    /// <summary>
    /// Asked before every turn, so written as SQL on the connection: through EF Core, even as a compiled query, each call
    /// bound new delegates and resolved services, and took 11.5 µs where this takes 8.3 (results/store-reads.md). The
    /// text is fixed, so a connection keeps it prepared.
    /// </summary>
    public async Task<bool> WasDeliveredAsync(string workspaceId, string deliveryKey, CancellationToken ct)
    {
        await using var ctx = db.Create();
        await ctx.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = ctx.Database.GetDbConnection().CreateCommand();
            command.CommandText = @"SELECT EXISTS (SELECT 1 FROM processed_deliveries WHERE ""WorkspaceId"" = @ws AND ""Key"" = @key)";
            var delivery = ctx.Model.FindEntityType(typeof(ProcessedDeliveryRow))!;
            command.Parameters.Add(StoredValue.Parameter(delivery, nameof(ProcessedDeliveryRow.WorkspaceId), command, "ws", workspaceId));
            command.Parameters.Add(StoredValue.Parameter(delivery, nameof(ProcessedDeliveryRow.Key), command, "key", deliveryKey));

            // SQLite answers 0 or 1, PostgreSQL a boolean.
            return Convert.ToBoolean(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        finally
        {
            await ctx.Database.CloseConnectionAsync();
        }
    }

    public async Task<Deliberation?> FindAsync(string workspaceId, Guid id, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await db.Queries.Deliberation(ctx, workspaceId, id, ct);
        return row?.ToRecord();
    }

    public async Task<Deliberation?> FindLatestOpenAsync(string workspaceId, string channel, string conversationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await db.Queries.LatestDeliberationWithStatus(ctx, workspaceId, channel, conversationId, nameof(DeliberationStatus.Open), ct);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<Deliberation>> ListOpenAsync(string workspaceId, string channel, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var open = nameof(DeliberationStatus.Open);
        var rows = await ctx.Deliberations.AsNoTracking()
            .Where(x => x.WorkspaceId == workspaceId && x.HomeChannel == channel && x.Status == open)
            .OrderBy(x => x.CreatedAt)
            .ToListAsync(ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<Deliberation?> FindLatestAsync(string workspaceId, string channel, string conversationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await db.Queries.LatestDeliberation(ctx, workspaceId, channel, conversationId, ct);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<Concern>> ListConcernsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await CompiledQueries.ListAsync(db.Queries.Concerns(ctx, workspaceId, deliberationId), ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyList<Suggestion>> ListSuggestionsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await ctx.Suggestions.AsNoTracking()
            .Where(x => x.WorkspaceId == workspaceId && x.DeliberationId == deliberationId)
            .OrderBy(x => x.Number)
            .ToListAsync(ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<Concern?> FindConcernAsync(string workspaceId, Guid concernId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await ctx.Concerns.AsNoTracking().FirstOrDefaultAsync(x => x.WorkspaceId == workspaceId && x.Id == concernId, ct);
        return row?.ToRecord();
    }

    public async Task<Participant?> FindParticipantAsync(string workspaceId, Guid deliberationId, string key, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await db.Queries.Participant(ctx, workspaceId, deliberationId, key, ct);
        return row?.ToRecord();
    }

    public async Task<Participant?> FindParticipantAsync(string workspaceId, Guid deliberationId, string key, string otherKey, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await db.Queries.ParticipantOfEither(ctx, workspaceId, deliberationId, key, otherKey, ct);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<Participant>> ListParticipantsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await CompiledQueries.ListAsync(db.Queries.Participants(ctx, workspaceId, deliberationId), ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyList<Answer>> ListAnswersAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await CompiledQueries.ListAsync(db.Queries.Answers(ctx, workspaceId, deliberationId), ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<DeliberationTally> TallyAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var counts = await CompiledQueries.ListAsync(db.Queries.Tally(ctx, workspaceId, deliberationId), ct);
        var groups = counts.Where(c => c.QuestionId is null).ToList();
        var viaPage = groups.Sum(g => g.ViaPublicPage);
        return new DeliberationTally(
            [.. groups.Select(g => new GroupTally(Enum.Parse<StakeholderGroup>(g.Group), g.Count, g.Finished))],
            [.. counts.Where(c => c.QuestionId is not null).Select(a => new AnswerTally(a.QuestionId!, Enum.Parse<StakeholderGroup>(a.Group), a.Count))],
            new PublicPageTally(viaPage, viaPage == 0 ? 0 : await db.Queries.PublicPageAnswerCount(ctx, workspaceId, deliberationId, ct)));
    }

    public async Task<IReadOnlyList<Answer>> ListConcernAnswersAsync(
        string workspaceId, Guid deliberationId, IReadOnlyCollection<string> questionIds, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await CompiledQueries.ListAsync(db.Queries.ConcernAnswers(ctx, workspaceId, deliberationId, [.. questionIds]), ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyList<Participant>> ListParticipantsAsync(
        string workspaceId, Guid deliberationId, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await ctx.Participants.AsNoTracking()
            .Where(x => x.WorkspaceId == workspaceId && x.DeliberationId == deliberationId && keys.Contains(x.Key))
            .OrderBy(x => x.JoinedAt).ThenBy(x => x.Key)
            .ToListAsync(ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyList<Answer>> ListAnswersOfAsync(string workspaceId, Guid deliberationId, string participantKey, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await CompiledQueries.ListAsync(db.Queries.AnswersOf(ctx, workspaceId, deliberationId, participantKey), ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<Answer?> FindAnswerGivenByAsync(string workspaceId, IReadOnlyCollection<string> sources, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await ctx.Answers.AsNoTracking()
            .Where(x => x.WorkspaceId == workspaceId && x.Source != null && sources.Contains(x.Source))
            .FirstOrDefaultAsync(ct); // one message gives one answer
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<DeliberationEvent>> ListEventsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await ctx.Events.AsNoTracking()
            .Where(x => x.WorkspaceId == workspaceId && x.DeliberationId == deliberationId)
            .OrderBy(x => x.Id)
            .ToListAsync(ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<MemberProfile?> FindProfileAsync(string workspaceId, string userId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await db.Queries.Profile(ctx, workspaceId, userId, ct);
        return row?.ToRecord();
    }

    public async Task<string?> FindWaitingWordsAsync(string workspaceId, string userId, string messageKey, CancellationToken ct)
    {
        await using var ctx = db.Create();
        return await db.Queries.WaitingWords(ctx, workspaceId, userId, messageKey, ct);
    }

    public async Task<CommunityInvitation?> FindInvitationAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await db.Queries.Invitation(ctx, workspaceId, deliberationId, ct);
        return row?.ToRecord();
    }

    public async Task<CommunityInvitation?> FindInvitationByTokenAsync(string token, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await ctx.CommunityInvitations.AsNoTracking().FirstOrDefaultAsync(x => x.Token == token, ct);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<CommunityContact>> ListContactsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await ctx.CommunityContacts.AsNoTracking()
            .Where(x => x.WorkspaceId == workspaceId && x.DeliberationId == deliberationId)
            .OrderBy(x => x.At)
            .ToListAsync(ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<string?> FindFlowSourceAsync(string flowId, string version, CancellationToken ct)
    {
        await using var ctx = db.Create();
        return await ctx.FlowSnapshots.AsNoTracking()
            .Where(x => x.FlowId == flowId && x.Version == version)
            .Select(x => x.Source)
            .FirstOrDefaultAsync(ct);
    }
}
