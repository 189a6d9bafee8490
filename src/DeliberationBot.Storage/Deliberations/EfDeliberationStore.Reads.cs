using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Storage.Rows;
using Microsoft.EntityFrameworkCore;

namespace DeliberationBot.Storage.Deliberations;

/// <summary>The store's reads: each scoped to its workspace, untracked, mapped to Core's records.</summary>
internal sealed partial class EfDeliberationStore
{
    public async Task<bool> WasDeliveredAsync(string workspaceId, string deliveryKey, CancellationToken ct)
    {
        await using var ctx = db.Create();
        return await ctx.ProcessedDeliveries.AnyAsync(x => x.WorkspaceId == workspaceId && x.Key == deliveryKey, ct);
    }

    public async Task<Deliberation?> FindAsync(string workspaceId, Guid id, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await ctx.Deliberations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.WorkspaceId == workspaceId, ct);
        return row?.ToRecord();
    }

    public async Task<Deliberation?> FindLatestOpenAsync(string workspaceId, string channel, string conversationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var open = DeliberationStatus.Open.ToString();
        var row = await ctx.Deliberations.AsNoTracking()
            .Where(x => x.WorkspaceId == workspaceId && x.HomeChannel == channel && x.HomeConversationId == conversationId && x.Status == open)
            .OrderByDescending(x => x.CreatedAt)
            .FirstOrDefaultAsync(ct);
        return row?.ToRecord();
    }

    public async Task<Deliberation?> FindLatestAsync(string workspaceId, string channel, string conversationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await ctx.Deliberations.AsNoTracking()
            .Where(x => x.WorkspaceId == workspaceId && x.HomeChannel == channel && x.HomeConversationId == conversationId)
            .OrderByDescending(x => x.CreatedAt)
            .FirstOrDefaultAsync(ct);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<Concern>> ListConcernsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await ctx.Concerns.AsNoTracking()
            .Where(x => x.WorkspaceId == workspaceId && x.DeliberationId == deliberationId)
            .OrderBy(x => x.Number)
            .ToListAsync(ct);
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
        var row = await ctx.Participants.AsNoTracking()
            .FirstOrDefaultAsync(x => x.WorkspaceId == workspaceId && x.DeliberationId == deliberationId && x.Key == key, ct);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<Participant>> ListParticipantsAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await ctx.Participants.AsNoTracking()
            .Where(x => x.WorkspaceId == workspaceId && x.DeliberationId == deliberationId)
            .OrderBy(x => x.JoinedAt).ThenBy(x => x.Key)
            .ToListAsync(ct);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyList<Answer>> ListAnswersAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var rows = await ctx.Answers.AsNoTracking()
            .Where(x => x.WorkspaceId == workspaceId && x.DeliberationId == deliberationId)
            .OrderBy(x => x.AnsweredAt).ThenBy(x => x.ParticipantKey).ThenBy(x => x.QuestionId)
            .ToListAsync(ct);
        return [.. rows.Select(r => r.ToRecord())];
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
        var row = await ctx.MemberProfiles.AsNoTracking().FirstOrDefaultAsync(x => x.WorkspaceId == workspaceId && x.UserId == userId, ct);
        return row?.ToRecord();
    }

    public async Task<CommunityInvitation?> FindInvitationAsync(string workspaceId, Guid deliberationId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        var row = await ctx.CommunityInvitations.AsNoTracking().FirstOrDefaultAsync(x => x.WorkspaceId == workspaceId && x.DeliberationId == deliberationId, ct);
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
