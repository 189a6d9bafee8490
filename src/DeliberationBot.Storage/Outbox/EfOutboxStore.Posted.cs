using DeliberationBot.Core.Messaging;
using DeliberationBot.Storage.Rows;
using Microsoft.EntityFrameworkCore;

namespace DeliberationBot.Storage.Outbox;

/// <summary>The platform messages posted under a key (a slot, or one part of a long message), and the slot a posted message belongs to.</summary>
internal sealed partial class EfOutboxStore
{
    public async Task<string?> FindSlotAsync(string workspaceId, string conversationId, string messageId, CancellationToken ct)
    {
        await using var ctx = db.Create();
        return await ctx.PostedMessages.AsNoTracking()
            .Where(p => p.WorkspaceId == workspaceId && p.ConversationId == conversationId && p.MessageId == messageId)
            .Select(p => p.SlotKey)
            .FirstOrDefaultAsync(ct);
    }

    public async Task<PostedMessage?> FindPostedAsync(string workspaceId, string key, CancellationToken ct)
    {
        await using var ctx = db.Create();
        return await FindPostedAsync(ctx, workspaceId, key, ct);
    }

    private async Task<PostedMessage?> FindPostedAsync(DeliberationsDbContext ctx, string workspaceId, string key, CancellationToken ct) =>
        await db.Queries.Posted(ctx, workspaceId, key, ct) is { } p ? new PostedMessage(p.ConversationId, p.MessageId) : null;

    public Task RecordPostedAsync(string workspaceId, string key, PostedMessage posted, CancellationToken ct) =>
        db.WriteAsync(ctx => UpsertPostedAsync(ctx, workspaceId, key, posted, time.GetUtcNow(), ct), ct);

    private async Task UpsertPostedAsync(DeliberationsDbContext ctx, string workspaceId, string key, PostedMessage posted, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.Queries.PostedToUpdate(ctx, workspaceId, key, ct)
            ?? ctx.PostedMessages.Add(new PostedMessageRow { WorkspaceId = workspaceId, SlotKey = key }).Entity;
        row.ConversationId = posted.ConversationId;
        row.MessageId = posted.MessageId;
        row.UpdatedAt = now;
        await ctx.SaveChangesAsync(ct);
    }
}
