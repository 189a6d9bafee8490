using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Storage.Tests.Deliberations;

/// <summary>Answers stored before skips had a column of their own are not counted as given after the upgrade.</summary>
public abstract class AnswerSkippedMigrationContract(TestDatabase db) : DatabaseContract
{
    protected override TestDatabase Database => db;

    private const string Migration = "AnswerSkipped";
    private const string Ws = "T-AGENCY";

    [SkippableFact]
    public async Task Upgrading_marks_the_skips_already_stored()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var store = services.Store();
        var now = db.Time.GetUtcNow();
        var flow = Samples.Flow();
        var d = Samples.Deliberation(Ws, flow, now);
        var ana = Samples.Participant(d, "U-ANA", StakeholderGroup.FrontlineWorker, now);
        await store.CommitAsync(new Commit(Ws, "start") { Deliberation = d, FlowSnapshot = flow, Participants = [ana] }, default);
        await store.CommitAsync(new Commit(Ws, "a1") { Answer = Samples.Answer(ana, "minutes", AnswerValue.FromNumber(5), now) }, default);
        await store.CommitAsync(new Commit(Ws, "a2") { Answer = Samples.Answer(ana, "override", AnswerValue.Skip(), now) }, default);

        var factory = services.GetRequiredService<DbFactory>();
        await using (var ctx = factory.Create())
        {
            // Back to the schema before the column (which drops it, as if never written), then up again.
            await MigrateToJustBeforeAsync(ctx, Migration);
            await ctx.GetService<IMigrator>().MigrateAsync();
        }

        Assert.Equal([new AnswerTally("minutes", StakeholderGroup.FrontlineWorker, 1)], (await store.TallyAsync(Ws, d.Id, default)).Answers);
        Assert.Equal(2, (await store.ListAnswersAsync(Ws, d.Id, default)).Count);
    }
}

public sealed class SqliteAnswerSkippedMigrationTests() : AnswerSkippedMigrationContract(new SqliteTestDatabase());

public sealed class PostgresAnswerSkippedMigrationTests() : AnswerSkippedMigrationContract(new PostgresTestDatabase());
