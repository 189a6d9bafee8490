using DeliberationBot.Core.Messaging;
using DeliberationBot.Storage.Rows;
using Microsoft.EntityFrameworkCore;

namespace DeliberationBot.Storage.Deliberations;

/// <summary>
/// The queries every turn runs, compiled once per model (one per <see cref="DbFactory"/>; EF refuses a compiled query
/// on another model). Written inline, a LINQ query is rebuilt, looked up in EF's cache and bound on every call; under
/// load that showed in a profile as a large share of a request's CPU, and as threads contending for a lock inside EF's
/// operator lookup.
/// </summary>
internal sealed class CompiledQueries
{
    public readonly Func<DeliberationsDbContext, string, Guid, CancellationToken, Task<DeliberationRow?>> Deliberation =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, Guid id, CancellationToken ct) => ctx.Deliberations.AsNoTracking().FirstOrDefault(x => x.Id == id && x.WorkspaceId == ws));

    public readonly Func<DeliberationsDbContext, string, string, string, CancellationToken, Task<DeliberationRow?>> LatestDeliberation =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, string channel, string conversation, CancellationToken ct) => ctx.Deliberations.AsNoTracking()
            .Where(x => x.WorkspaceId == ws && x.HomeChannel == channel && x.HomeConversationId == conversation)
            .OrderByDescending(x => x.CreatedAt)
            .FirstOrDefault());

    public readonly Func<DeliberationsDbContext, string, string, string, string, CancellationToken, Task<DeliberationRow?>> LatestDeliberationWithStatus =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, string channel, string conversation, string status, CancellationToken ct) => ctx.Deliberations.AsNoTracking()
            .Where(x => x.WorkspaceId == ws && x.HomeChannel == channel && x.HomeConversationId == conversation && x.Status == status)
            .OrderByDescending(x => x.CreatedAt)
            .FirstOrDefault());

    public readonly Func<DeliberationsDbContext, string, Guid, IAsyncEnumerable<ConcernRow>> Concerns =
        EF.CompileAsyncQuery<DeliberationsDbContext, string, Guid, ConcernRow>((ctx, ws, deliberation) => ctx.Concerns.AsNoTracking()
            .Where(x => x.WorkspaceId == ws && x.DeliberationId == deliberation)
            .OrderBy(x => x.Number));

    public readonly Func<DeliberationsDbContext, string, Guid, CancellationToken, Task<int?>> HighestConcernNumber =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, Guid deliberation, CancellationToken ct) => ctx.Concerns
            .Where(x => x.WorkspaceId == ws && x.DeliberationId == deliberation)
            .Max(x => (int?)x.Number));

    public readonly Func<DeliberationsDbContext, string, Guid, string, CancellationToken, Task<ParticipantRow?>> Participant =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, Guid deliberation, string key, CancellationToken ct) => ctx.Participants.AsNoTracking()
            .FirstOrDefault(x => x.WorkspaceId == ws && x.DeliberationId == deliberation && x.Key == key));

    public readonly Func<DeliberationsDbContext, string, Guid, string, string, CancellationToken, Task<ParticipantRow?>> ParticipantOfEither =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, Guid deliberation, string key, string otherKey, CancellationToken ct) => ctx.Participants.AsNoTracking()
            .Where(x => x.WorkspaceId == ws && x.DeliberationId == deliberation && (x.Key == key || x.Key == otherKey))
            .OrderBy(x => x.Key == key ? 0 : 1)
            .FirstOrDefault());

    public readonly Func<DeliberationsDbContext, string, Guid, IAsyncEnumerable<ParticipantRow>> Participants =
        EF.CompileAsyncQuery<DeliberationsDbContext, string, Guid, ParticipantRow>((ctx, ws, deliberation) => ctx.Participants.AsNoTracking()
            .Where(x => x.WorkspaceId == ws && x.DeliberationId == deliberation)
            .OrderBy(x => x.JoinedAt).ThenBy(x => x.Key));

    public readonly Func<DeliberationsDbContext, string, Guid, IAsyncEnumerable<AnswerRow>> Answers =
        EF.CompileAsyncQuery<DeliberationsDbContext, string, Guid, AnswerRow>((ctx, ws, deliberation) => ctx.Answers.AsNoTracking()
            .Where(x => x.WorkspaceId == ws && x.DeliberationId == deliberation)
            .OrderBy(x => x.AnsweredAt).ThenBy(x => x.ParticipantKey).ThenBy(x => x.QuestionId));

    public readonly Func<DeliberationsDbContext, string, Guid, string, IAsyncEnumerable<AnswerRow>> AnswersOf =
        EF.CompileAsyncQuery<DeliberationsDbContext, string, Guid, string, AnswerRow>((ctx, ws, deliberation, participant) => ctx.Answers.AsNoTracking()
            .Where(x => x.WorkspaceId == ws && x.DeliberationId == deliberation && x.ParticipantKey == participant)
            .OrderBy(x => x.AnsweredAt).ThenBy(x => x.QuestionId));

    // A card's and `status`'s counts, grouped by the database from covering indexes: a large deliberation costs little
    // more than a small one. People and answers in one statement (UNION ALL), since preparing each statement is a large
    // part of a short read's cost; a person's row has no question.
    public readonly Func<DeliberationsDbContext, string, Guid, IAsyncEnumerable<TallyCount>> Tally =
        EF.CompileAsyncQuery<DeliberationsDbContext, string, Guid, TallyCount>((ctx, ws, deliberation) => ctx.Participants
            .Where(x => x.WorkspaceId == ws && x.DeliberationId == deliberation)
            .GroupBy(x => x.Group)
            .Select(g => new TallyCount { QuestionId = null, Group = g.Key, Count = g.Count(), Finished = g.Count(x => x.FinishedAt != null), ViaPublicPage = g.Count(x => x.ViaPublicPage) })
            .Concat(ctx.Answers
                .Where(x => x.WorkspaceId == ws && x.DeliberationId == deliberation && !x.Skipped)
                .GroupBy(x => new { x.QuestionId, x.Group })
                .Select(g => new TallyCount { QuestionId = g.Key.QuestionId, Group = g.Key.Group, Count = g.Count(), Finished = 0, ViaPublicPage = 0 })));

    // The answers concerns are made from: flagged ones, and unflagged ones to the questions named. Each half of the UNION
    // ALL is found by an index of its own (one filter with OR was planned by SQLite as a read of every answer of the
    // deliberation).
    public readonly Func<DeliberationsDbContext, string, Guid, string[], IAsyncEnumerable<AnswerRow>> ConcernAnswers =
        EF.CompileAsyncQuery<DeliberationsDbContext, string, Guid, string[], AnswerRow>((ctx, ws, deliberation, questions) => ctx.Answers.AsNoTracking()
            .Where(x => x.WorkspaceId == ws && x.DeliberationId == deliberation && x.FlaggedConcern)
            .Concat(ctx.Answers.AsNoTracking()
                .Where(x => x.WorkspaceId == ws && x.DeliberationId == deliberation && questions.Contains(x.QuestionId) && !x.FlaggedConcern)));

    public readonly Func<DeliberationsDbContext, string, Guid, CancellationToken, Task<int>> PublicPageAnswerCount =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, Guid deliberation, CancellationToken ct) => ctx.Answers
            .Count(a => a.WorkspaceId == ws && a.DeliberationId == deliberation
                && ctx.Participants.Any(p => p.DeliberationId == deliberation && p.Key == a.ParticipantKey && p.ViaPublicPage)));

    public readonly Func<DeliberationsDbContext, string, string, CancellationToken, Task<MemberProfileRow?>> Profile =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, string user, CancellationToken ct) => ctx.MemberProfiles.AsNoTracking().FirstOrDefault(x => x.WorkspaceId == ws && x.UserId == user));

    public readonly Func<DeliberationsDbContext, string, string, string, CancellationToken, Task<string?>> WaitingWords =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, string user, string message, CancellationToken ct) => ctx.WaitingWords
            .Where(x => x.WorkspaceId == ws && x.UserId == user && x.MessageKey == message)
            .Select(x => x.Text)
            .FirstOrDefault());

    public readonly Func<DeliberationsDbContext, string, Guid, CancellationToken, Task<CommunityInvitationRow?>> Invitation =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, Guid deliberation, CancellationToken ct) => ctx.CommunityInvitations.AsNoTracking()
            .FirstOrDefault(x => x.WorkspaceId == ws && x.DeliberationId == deliberation));

    // Channel adapters' records: a Teams activity and a Teams send each look up conversation references.
    public readonly Func<DeliberationsDbContext, string, string, string, string, CancellationToken, Task<string?>> ChannelState =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string channel, string ws, string kind, string key, CancellationToken ct) => ctx.ChannelState.AsNoTracking()
            .Where(x => x.Channel == channel && x.WorkspaceId == ws && x.Kind == kind && x.Key == key)
            .Select(x => x.Json)
            .FirstOrDefault());

    public readonly Func<DeliberationsDbContext, string, string, string, string, CancellationToken, Task<ChannelStateRow?>> ChannelStateToUpdate =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string channel, string ws, string kind, string key, CancellationToken ct) => ctx.ChannelState
            .FirstOrDefault(x => x.Channel == channel && x.WorkspaceId == ws && x.Kind == kind && x.Key == key));

    // The newest message still to be sent in a slot, or with a gather key: a message a commit queues may go into it.
    // Only what joining needs: a card update replaces the waiting one unread, so its content is not read at all.
    public readonly Func<DeliberationsDbContext, string, string, CancellationToken, Task<WaitingRow?>> NewestPendingInSlot =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, string slot, CancellationToken ct) => ctx.Outbox
            .Where(x => x.WorkspaceId == ws && x.SlotKey == slot && x.Status == OutboxStatus.Pending)
            .OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id)
            .Select(x => new WaitingRow(x.Id, x.LockedBy, x.NextAttemptAt, null))
            .FirstOrDefault());

    public readonly Func<DeliberationsDbContext, string, string, CancellationToken, Task<WaitingRow?>> NewestPendingToGather =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, string gather, CancellationToken ct) => ctx.Outbox
            .Where(x => x.WorkspaceId == ws && x.GatherKey == gather && x.Status == OutboxStatus.Pending)
            .OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id)
            .Select(x => new WaitingRow(x.Id, x.LockedBy, x.NextAttemptAt, x.MessageJson))
            .FirstOrDefault());

    // The outbox's reads for every claim and every card it sends (SQLite's forms; PostgreSQL's claim reads lock rows, in SQL).
    public readonly Func<DeliberationsDbContext, DateTimeOffset, int, IAsyncEnumerable<OutboxRow>> Due =
        EF.CompileAsyncQuery<DeliberationsDbContext, DateTimeOffset, int, OutboxRow>((ctx, now, take) => ctx.Outbox.AsNoTracking()
            .Where(x => x.Status == OutboxStatus.Pending && x.NextAttemptAt <= now && (x.LockedUntil == null || x.LockedUntil < now))
            .OrderBy(x => x.CreatedAt)
            .Take(take));

    public readonly Func<DeliberationsDbContext, string, string, Guid, IAsyncEnumerable<SlotPending>> OthersInSlot =
        EF.CompileAsyncQuery<DeliberationsDbContext, string, string, Guid, SlotPending>((ctx, ws, slot, id) => ctx.Outbox
            .Where(x => x.WorkspaceId == ws && x.SlotKey == slot && x.Id != id && x.Status == OutboxStatus.Pending)
            .Select(x => new SlotPending { Id = x.Id, CreatedAt = x.CreatedAt, LockedUntil = x.LockedUntil }));

    public readonly Func<DeliberationsDbContext, string, string, DateTimeOffset, int, IAsyncEnumerable<OutboxRow>> LaterToGather =
        EF.CompileAsyncQuery<DeliberationsDbContext, string, string, DateTimeOffset, int, OutboxRow>((ctx, ws, gather, after, take) => ctx.Outbox.AsNoTracking()
            .Where(x => x.WorkspaceId == ws && x.GatherKey == gather && x.Status == OutboxStatus.Pending && x.LockedBy == null && x.CreatedAt > after)
            .OrderBy(x => x.CreatedAt)
            .Take(take));

    public readonly Func<DeliberationsDbContext, string, string, CancellationToken, Task<PostedMessageRow?>> Posted =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, string slot, CancellationToken ct) => ctx.PostedMessages.AsNoTracking()
            .FirstOrDefault(p => p.WorkspaceId == ws && p.SlotKey == slot));

    public readonly Func<DeliberationsDbContext, string, string, CancellationToken, Task<PostedMessageRow?>> PostedToUpdate =
        EF.CompileAsyncQuery((DeliberationsDbContext ctx, string ws, string slot, CancellationToken ct) => ctx.PostedMessages
            .FirstOrDefault(p => p.WorkspaceId == ws && p.SlotKey == slot));

    /// <summary>All the rows a compiled sequence query yields.</summary>
    public static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(row);
        }

        return list;
    }
}

/// <summary>One row of a tally as the database counts it: a group's people (no question), or its answers given to a question.</summary>
internal sealed class TallyCount
{
    public string? QuestionId { get; init; }
    public string Group { get; init; } = "";
    public int Count { get; init; }
    public int Finished { get; init; }
    public int ViaPublicPage { get; init; }
}

/// <summary>Another message waiting in a slot, as a claim weighs which of them to send.</summary>
internal sealed class SlotPending
{
    public Guid Id { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
}

/// <summary>A message waiting in the outbox, as far as a newer one joining it needs it (content only when it is read).</summary>
internal sealed record WaitingRow(Guid Id, string? LockedBy, DateTimeOffset NextAttemptAt, string? MessageJson);
