using System.Collections.Concurrent;
using DeliberationBot.Teams.Installation;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>The conversation-reference contract in memory: upsert by key; users found by either of their ids.</summary>
internal sealed class InMemoryReferenceStore : IConversationReferenceStore
{
    private readonly ConcurrentDictionary<(string, string), TeamsConversationReference> _conversations = new();
    private readonly ConcurrentDictionary<(string, string), TeamsConversationReference> _users = new();

    public int Saves { get; private set; }

    public IReadOnlyList<TeamsConversationReference> All => [.. _conversations.Values, .. _users.Values];

    public Task SaveAsync(TeamsConversationReference reference, CancellationToken ct)
    {
        Saves++;
        if (reference.User is { } user)
        {
            _users[(reference.TenantId, user.Id)] = reference;
        }
        else
        {
            _conversations[(reference.TenantId, reference.ConversationId ?? throw new ArgumentException("a conversation reference needs a conversation id"))] = reference;
        }

        return Task.CompletedTask;
    }

    public Task<TeamsConversationReference?> FindConversationAsync(string tenantId, string conversationId, CancellationToken ct) =>
        Task.FromResult(_conversations.GetValueOrDefault((tenantId, conversationId)));

    public Task<TeamsConversationReference?> FindUserAsync(string tenantId, string userId, CancellationToken ct) =>
        Task.FromResult(_users.GetValueOrDefault((tenantId, userId))
            ?? _users.Values.FirstOrDefault(r => r.TenantId == tenantId && r.User!.TeamsId == userId));
}
