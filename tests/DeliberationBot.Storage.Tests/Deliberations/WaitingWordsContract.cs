using DeliberationBot.Core.Deliberations;
using DeliberationBot.Storage.Tests.Support;

namespace DeliberationBot.Storage.Tests.Deliberations;

/// <summary>
/// The words of a reply waiting for its writer to join, held for that person and message: whole, however long, and
/// replaced by an edit of the reply.
/// </summary>
public abstract class WaitingWordsContract(TestDatabase db) : DatabaseContract
{
    protected override TestDatabase Database => db;

    private const string Ws = "T-AGENCY";
    private const string Reply = "slack:msg:T-AGENCY:C-REVIEW:1700000600.000001";

    [SkippableFact]
    public async Task Words_held_for_a_reply_are_read_whole_by_its_writer_and_an_edit_replaces_them()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var edited = string.Join(' ', Enumerable.Repeat("The night shift was never asked.", 70));
        Assert.Null(await store.FindWaitingWordsAsync(Ws, "U-ANA", Reply, default));

        await store.CommitAsync(new Commit(Ws, null) { WaitingWords = new("U-ANA", Reply, "It sorts calls by risk") }, default);
        await store.CommitAsync(new Commit(Ws, null) { WaitingWords = new("U-ANA", Reply, edited) }, default);
        await store.CommitAsync(new Commit(Ws, null) { WaitingWords = new("U-BEN", "slack:msg:T-AGENCY:C-REVIEW:2.2", "Nobody told us") }, default);

        Assert.Equal(edited, await store.FindWaitingWordsAsync(Ws, "U-ANA", Reply, default));
        Assert.Null(await store.FindWaitingWordsAsync(Ws, "U-BEN", Reply, default)); // another person's reply
        Assert.Null(await store.FindWaitingWordsAsync("T-OTHER", "U-ANA", Reply, default));
        await using var restarted = await db.StartServicesAsync();
        Assert.Equal(edited, await restarted.Store().FindWaitingWordsAsync(Ws, "U-ANA", Reply, default));
    }

    [SkippableFact]
    public async Task Words_in_a_commit_whose_delivery_was_handled_before_are_not_written()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();

        await store.CommitAsync(new Commit(Ws, "waiting-for:U-ANA:" + Reply) { WaitingWords = new("U-ANA", Reply, "It sorts calls by risk") }, default);
        var again = await store.CommitAsync(new Commit(Ws, "waiting-for:U-ANA:" + Reply) { WaitingWords = new("U-ANA", Reply, "It sorts calls by a score") }, default);

        Assert.Equal(CommitOutcome.Duplicate, again);
        Assert.Equal("It sorts calls by risk", await store.FindWaitingWordsAsync(Ws, "U-ANA", Reply, default));
    }
}

public sealed class SqliteWaitingWordsTests() : WaitingWordsContract(new SqliteTestDatabase());

public sealed class PostgresWaitingWordsTests() : WaitingWordsContract(new PostgresTestDatabase());
