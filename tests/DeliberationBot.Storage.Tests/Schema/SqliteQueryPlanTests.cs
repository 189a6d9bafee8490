using DeliberationBot.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Storage.Tests.Schema;

/// <summary>
/// Lookups on the hot paths find their rows through an index rather than by reading rows they then discard: a cost that
/// grows with history would make every turn of a large deliberation slower than the one before.
/// </summary>
public sealed class SqliteQueryPlanTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_slots_pending_updates_are_found_without_reading_the_updates_already_sent()
    {
        // A deliberation's card slot gets an update per answer; claiming the newest asks only for the slot's pending ones.
        var plan = await PlanAsync("""
            SELECT "Id", "CreatedAt", "LockedUntil" FROM outbox
            WHERE "WorkspaceId" = 'T1' AND "SlotKey" = 'card' AND "Id" <> 'x' AND "Status" = 'pending'
            """);

        Assert.Contains("USING INDEX IX_outbox_WorkspaceId_SlotKey_Status (WorkspaceId=? AND SlotKey=? AND Status=?)", plan);
    }

    [Fact]
    public async Task The_notices_a_claimed_one_takes_in_are_found_among_that_persons_waiting_notices_only()
    {
        // Every notice claimed looks for later ones to its person; the key is a parameter, as EF Core sends it.
        var plan = await PlanAsync("""
            SELECT * FROM outbox
            WHERE "WorkspaceId" = $workspace AND "GatherKey" = $key AND "Status" = 'pending' AND "LockedBy" IS NULL
              AND "CreatedAt" > $created
            ORDER BY "CreatedAt" LIMIT 50
            """);

        Assert.Contains("USING INDEX IX_outbox_WorkspaceId_GatherKey_Status_CreatedAt (WorkspaceId=? AND GatherKey=? AND Status=? AND CreatedAt>?)", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal); // read in order, not all sorted first
    }

    [Fact]
    public async Task The_waiting_message_a_new_one_goes_into_is_found_newest_first_by_index()
    {
        // Every turn that queues an owner's notice or a card update looks for the newest one still waiting.
        var notice = await PlanAsync("""
            SELECT * FROM outbox WHERE "WorkspaceId" = $workspace AND "GatherKey" = $key AND "Status" = 'pending'
            ORDER BY "CreatedAt" DESC, "Id" DESC LIMIT 1
            """);
        var card = await PlanAsync("""
            SELECT * FROM outbox WHERE "WorkspaceId" = $workspace AND "SlotKey" = $slot AND "Status" = 'pending'
            ORDER BY "CreatedAt" DESC, "Id" DESC LIMIT 1
            """);

        Assert.Contains("USING INDEX IX_outbox_WorkspaceId_GatherKey_Status_CreatedAt (WorkspaceId=? AND GatherKey=? AND Status=?)", notice);
        Assert.DoesNotContain("TEMP B-TREE FOR ORDER BY", notice, StringComparison.Ordinal); // read newest first, not all sorted
        Assert.Contains("USING INDEX IX_outbox_WorkspaceId_SlotKey_Status (WorkspaceId=? AND SlotKey=? AND Status=?)", card);
    }

    [Fact]
    public async Task Putting_a_workspace_back_reads_only_what_is_due()
    {
        // When a workspace must wait, what of it is due is put back in one statement, not by reading its history.
        var plan = await PlanAsync("""
            UPDATE outbox SET "NextAttemptAt" = $until
            WHERE "WorkspaceId" = $workspace AND "Status" = 'pending' AND "Channel" = $channel AND "NextAttemptAt" < $until
              AND ("LockedUntil" IS NULL OR "LockedUntil" < $now)
            """);

        Assert.Contains("USING INDEX IX_outbox_Status_NextAttemptAt (Status=? AND NextAttemptAt<?)", plan);
    }

    [Fact]
    public async Task A_tally_counts_from_covering_indexes_in_the_order_it_groups()
    {
        // `status` and every card update count a deliberation's people and answers: from the index alone, not row by row.
        var tally = await PlanAsync("""
            SELECT NULL AS "QuestionId", "p"."Group", COUNT(*), COUNT(CASE WHEN "p"."FinishedAt" IS NOT NULL THEN 1 END), COUNT(CASE WHEN "p"."ViaPublicPage" THEN 1 END)
            FROM "participants" AS "p" WHERE "p"."WorkspaceId" = $ws AND "p"."DeliberationId" = $d GROUP BY "p"."Group"
            UNION ALL
            SELECT "a"."QuestionId", "a"."Group", COUNT(*), 0, 0 FROM "answers" AS "a"
            WHERE "a"."WorkspaceId" = $ws AND "a"."DeliberationId" = $d AND NOT ("a"."Skipped") GROUP BY "a"."QuestionId", "a"."Group"
            """);
        var answers = tally[tally.IndexOf("UNION ALL", StringComparison.Ordinal)..];

        Assert.Contains("USING COVERING INDEX IX_participants_WorkspaceId_DeliberationId_Group_FinishedAt_ViaPublicPage", tally);
        Assert.Contains("USING COVERING INDEX IX_answers_WorkspaceId_DeliberationId_QuestionId_Group_Skipped", answers);
        Assert.DoesNotContain("TEMP B-TREE", answers, StringComparison.Ordinal); // counted in the index's order, not sorted first
    }

    [Fact]
    public async Task The_answers_concerns_are_made_from_are_found_by_index_not_among_all_answers()
    {
        // `status`, `concerns` and closing read the flagged answers and those to questions with a concern rule only.
        var plan = await PlanAsync("""
            SELECT "a".* FROM "answers" AS "a" WHERE "a"."WorkspaceId" = $ws AND "a"."DeliberationId" = $d AND "a"."FlaggedConcern"
            UNION ALL
            SELECT "a0".* FROM "answers" AS "a0"
            WHERE "a0"."WorkspaceId" = $ws AND "a0"."DeliberationId" = $d
              AND "a0"."QuestionId" IN (SELECT "q"."value" FROM json_each($questions) AS "q") AND NOT ("a0"."FlaggedConcern")
            """);

        Assert.Contains("USING INDEX IX_answers_flagged (WorkspaceId=? AND DeliberationId=?)", plan);
        Assert.Contains("USING INDEX IX_answers_WorkspaceId_DeliberationId_QuestionId_Group_Skipped (WorkspaceId=? AND DeliberationId=? AND QuestionId=?)", plan);
    }

    [Fact]
    public async Task A_turn_finds_its_person_and_their_answers_by_key_not_among_the_deliberations_rows()
    {
        var person = await PlanAsync("""
            SELECT * FROM "participants" AS "p" WHERE "p"."DeliberationId" = $d AND "p"."Key" = $key AND "p"."WorkspaceId" = $ws LIMIT 1
            """);
        var theirs = await PlanAsync("""
            SELECT * FROM "answers" AS "a" WHERE "a"."WorkspaceId" = $ws AND "a"."DeliberationId" = $d AND "a"."ParticipantKey" = $key
            ORDER BY "a"."AnsweredAt", "a"."QuestionId"
            """);

        Assert.Contains("sqlite_autoindex_participants_1 (DeliberationId=? AND Key=?)", person);
        Assert.Contains("sqlite_autoindex_answers_1 (DeliberationId=? AND ParticipantKey=?)", theirs);
    }

    [Fact]
    public async Task A_person_looked_up_by_either_key_is_found_by_each_key_not_by_reading_the_deliberations_people()
    {
        // Every turn looks a person up by their named and their anonymous key at once.
        var plan = await PlanAsync("""
            SELECT * FROM participants
            WHERE "WorkspaceId" = $ws AND "DeliberationId" = $d AND ("Key" = $key OR "Key" = $other)
            ORDER BY CASE WHEN "Key" = $key THEN 0 ELSE 1 END LIMIT 1
            """);

        // Both keys through the primary key (the OR is searched as Key IN (…)); only the one or two rows found are sorted.
        Assert.Contains("SEARCH participants USING INDEX sqlite_autoindex_participants_1 (DeliberationId=? AND Key=?)", plan);
        Assert.DoesNotContain("SCAN", plan, StringComparison.Ordinal);
    }

    private async Task<string> PlanAsync(string sql)
    {
        await using var services = await _db.StartServicesAsync();
        await using var ctx = services.GetRequiredService<DbFactory>().Create();
        var connection = (SqliteConnection)ctx.Database.GetDbConnection();
        await ctx.Database.OpenConnectionAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var rows = await explain.ExecuteReaderAsync();
        var details = new List<string>();
        while (await rows.ReadAsync())
        {
            details.Add(rows.GetString(3));
        }

        return string.Join("\n", details);
    }
}
