using DeliberationBot.Core.Channels;
using DeliberationBot.Teams.Installation;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Installation;

/// <summary>
/// The references cache in front of the service's channel state (SQLite): each reference is read once while fresh, this
/// instance always reads its own writes, and another instance's change shows within the cache's lifetime.
/// </summary>
public sealed class ReferenceCacheTests : HostTest
{
    private CountingState _state = null!;
    private CachedReferenceStore _cache = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _state = new CountingState(Host.ChannelState);
        _cache = new CachedReferenceStore(new ChannelStateReferenceStore(_state), Host.Clock);
    }

    private TeamsConversationReference Maria(string serviceUrl, string? personalChat = null) =>
        new(Activities.Tenant, personalChat, serviceUrl, TeamsTestHost.BotId, personalChat is null ? null : "personal",
            new TeamsUser(Person.Maria.AadId, Person.Maria.TeamsId), Host.Clock.GetUtcNow());

    private TeamsConversationReference Group(string serviceUrl) =>
        new(Activities.Tenant, Chat.Group.Id, serviceUrl, TeamsTestHost.BotId, "groupChat", null, Host.Clock.GetUtcNow());

    [Fact]
    public async Task Each_reference_is_read_from_the_database_once_while_fresh_and_again_after()
    {
        await _cache.SaveAsync(Group(ServiceUrl), CancellationToken.None);
        await _cache.SaveAsync(Maria(ServiceUrl), CancellationToken.None);
        _state.Reads = 0;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Group(ServiceUrl) with { UpdatedAt = default }, (await _cache.FindConversationAsync(Activities.Tenant, Chat.Group.Id, CancellationToken.None))! with { UpdatedAt = default });
            Assert.Equal(Person.Maria.TeamsId, (await _cache.FindUserAsync(Activities.Tenant, Person.Maria.AadId, CancellationToken.None))!.User!.TeamsId);
        }

        Assert.Equal(2, _state.Reads);

        // Another instance moves the group to a new service URL: seen here once the cached copy has had its time.
        await new ChannelStateReferenceStore(Host.ChannelState).SaveAsync(Group("https://smba.trafficmanager.net/emea/"), CancellationToken.None);
        Assert.Equal(ServiceUrl, (await _cache.FindConversationAsync(Activities.Tenant, Chat.Group.Id, CancellationToken.None))!.ServiceUrl);
        Host.Clock.Advance(CachedReferenceStore.Lifetime);
        Assert.Equal("https://smba.trafficmanager.net/emea/", (await _cache.FindConversationAsync(Activities.Tenant, Chat.Group.Id, CancellationToken.None))!.ServiceUrl);
        Assert.Equal(3, _state.Reads);
    }

    [Fact]
    public async Task A_save_is_read_back_at_once_under_either_of_a_persons_ids()
    {
        await _cache.SaveAsync(Maria(ServiceUrl), CancellationToken.None);
        Assert.Null((await _cache.FindUserAsync(Activities.Tenant, Person.Maria.TeamsId, CancellationToken.None))!.ConversationId);
        Assert.Null((await _cache.FindUserAsync(Activities.Tenant, Person.Maria.AadId, CancellationToken.None))!.ConversationId);

        await _cache.SaveAsync(Maria(ServiceUrl, "a:1on1-maria"), CancellationToken.None); // her 1:1 chat, just created
        Assert.Equal("a:1on1-maria", (await _cache.FindUserAsync(Activities.Tenant, Person.Maria.TeamsId, CancellationToken.None))!.ConversationId);
        Assert.Equal("a:1on1-maria", (await _cache.FindUserAsync(Activities.Tenant, Person.Maria.AadId, CancellationToken.None))!.ConversationId);
    }

    [Fact]
    public async Task A_lookup_that_raced_a_save_is_not_kept()
    {
        await _cache.SaveAsync(Group(ServiceUrl), CancellationToken.None);
        var held = _state.HoldNextRead();
        var racing = _cache.FindConversationAsync(Activities.Tenant, Chat.Group.Id, CancellationToken.None);
        await held.Reading.Task.WaitAsync(TimeSpan.FromSeconds(30)); // it has read the old reference and waits

        await _cache.SaveAsync(Group("https://smba.trafficmanager.net/emea/"), CancellationToken.None);
        held.Release.SetResult();
        Assert.Equal(ServiceUrl, (await racing)!.ServiceUrl); // what it read before the save

        Assert.Equal("https://smba.trafficmanager.net/emea/", (await _cache.FindConversationAsync(Activities.Tenant, Chat.Group.Id, CancellationToken.None))!.ServiceUrl);
    }

    [Fact]
    public async Task What_is_not_found_is_looked_up_again()
    {
        Assert.Null(await _cache.FindConversationAsync(Activities.Tenant, Chat.Group.Id, CancellationToken.None));
        await new ChannelStateReferenceStore(Host.ChannelState).SaveAsync(Group(ServiceUrl), CancellationToken.None);
        Assert.NotNull(await _cache.FindConversationAsync(Activities.Tenant, Chat.Group.Id, CancellationToken.None));
    }

    /// <summary>The service's channel state, counting reads; one read can be held after it has read.</summary>
    private sealed class CountingState(IChannelStateStore inner) : IChannelStateStore
    {
        private Hold? _hold;

        public int Reads { get; set; }

        public Hold HoldNextRead() => _hold = new Hold();

        public async Task<string?> FindAsync(ChannelStateKey key, CancellationToken ct)
        {
            Reads++;
            var json = await inner.FindAsync(key, ct);
            if (Interlocked.Exchange(ref _hold, null) is { } hold)
            {
                hold.Reading.SetResult();
                await hold.Release.Task;
            }

            return json;
        }

        public Task SaveAsync(ChannelStateKey key, string json, CancellationToken ct) => inner.SaveAsync(key, json, ct);

        public Task DeleteAsync(ChannelStateKey key, CancellationToken ct) => inner.DeleteAsync(key, ct);
    }

    private sealed class Hold
    {
        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
