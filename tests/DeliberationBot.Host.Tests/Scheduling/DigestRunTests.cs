using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Host.Tests.Scheduling;

/// <summary>The digest job over the real service and SQLite when many leaders are due at once.</summary>
public sealed class DigestRunTests : IDisposable
{
    private const string Ws = "T-AGENCY";
    private static readonly ConversationRef Room = new("test", Ws, "C-REVIEW");
    private readonly BotFactory _factory = new(driven: true); // its clock starts now: page links are checked against the real clock

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task More_leaders_than_one_batch_each_get_one_digest_with_their_own_links_and_the_workspace_is_stored_once()
    {
        _factory.CreateClient().Dispose();
        var dana = new Actor("test", Ws, new UserRef("U-DANA", "Dana"));
        var dispatcher = _factory.Services.GetRequiredService<CommandDispatcher>();
        await dispatcher.HandleAsync(dana, Room, "start quick-check \"Benefit screening\"", null, "k1", default);
        await dispatcher.HandleAsync(dana, Room, "concern \"Nobody asked the families.\"", null, "k2", default);
        var leaders = Enumerable.Range(1, DigestService.Batch * 2 + 50).Select(i => new UserRef($"U-LEADER-{i:D3}", $"Leader {i}")).ToList();
        var store = _factory.Services.GetRequiredService<IDeliberationStore>();
        var due = _factory.Time.GetUtcNow().AddMinutes(-1);
        var at = new TimeOnly(due.Hour, due.Minute);
        foreach (var leader in leaders)
        {
            await store.CommitAsync(new Commit(Ws, "subscribe-" + leader.Id) { Subscription = new DigestSubscription(Ws, leader, Room, due.DayOfWeek, at, "UTC", true, due) }, default);
        }

        var digests = _factory.Services.GetRequiredService<DigestService>();
        await digests.RunAsync(default);
        await digests.RunAsync(default); // a run retried, or the next minute's: nothing is owed any more

        Assert.Equal((leaders.Count, 1L), (Count("SELECT count(*) FROM outbox WHERE IdempotencyKey LIKE 'digest:%'"), Count("SELECT count(*) FROM digest_snapshots")));
        Assert.InRange(Count("SELECT max(length(MessageJson)) FROM outbox WHERE IdempotencyKey LIKE 'digest:%'"), 1, 400); // a reference, not the digest
        await _factory.DeliverAsync();
        var sent = _factory.Channel.Sent.Where(m => m.Message.Message is WeeklyDigest).ToList();
        Assert.Equal(leaders.Select(l => l.Id), sent.Select(m => m.Message.Destination.User!.Id).Order());
        var links = _factory.Services.GetRequiredService<IReportLinkSigner>();
        Assert.All(sent, m =>
        {
            var digest = (WeeklyDigest)m.Message.Message;
            var proposal = Assert.Single(digest.Proposals);
            Assert.Equal("Nobody asked the families.", Assert.Single(proposal.OpenConcerns).Text);
            var token = Uri.UnescapeDataString(proposal.Report!.Query.Split("token=")[1]);
            Assert.Equal(m.Message.Destination.User!.Id, links.Verify(token)!.UserId);
        });
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
