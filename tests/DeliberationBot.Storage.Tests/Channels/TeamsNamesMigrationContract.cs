using DeliberationBot.Storage.Rows;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Storage.Tests.Channels;

/// <summary>
/// Teams user references stored before names were dropped lose the name on upgrade, and keep everything that reaches
/// the person; other channel state is untouched.
/// </summary>
public abstract class TeamsNamesMigrationContract(TestDatabase db) : DatabaseContract
{
    protected override TestDatabase Database => db;

    private const string Migration = "TeamsReferencesWithoutNames";

    [SkippableFact]
    public async Task Upgrading_removes_stored_names_and_keeps_what_reaches_people()
    {
        SkipIfUnavailable();
        await using var services = await db.StartServicesAsync();
        var factory = services.GetRequiredService<DbFactory>();
        await using (var ctx = factory.Create())
        {
            // Back to the schema before this migration, with a reference as it was stored then.
            await MigrateToJustBeforeAsync(ctx, Migration);
            ctx.ChannelState.AddRange(
                Row("teams", "user", "aad-alice", """{"tenantId":"t1","conversationId":"a:1chat","serviceUrl":"https://smba.example/","botId":"28:bot","user":{"id":"aad-alice","teamsId":"29:alice","name":"Alice Secret"}}"""),
                Row("teams", "conversation", "19:general", """{"tenantId":"t1","conversationId":"19:general","serviceUrl":"https://smba.example/","botId":"28:bot","user":null,"botName":"DeliberationBot"}"""),
                Row("slack", "installation", "bot", """{"teamId":"T1","teamName":"Agency"}"""));
            await ctx.SaveChangesAsync();
        }

        await using (var ctx = factory.Create())
        {
            await ctx.GetService<IMigrator>().MigrateAsync();
            var stored = await ctx.ChannelState.AsNoTracking().ToDictionaryAsync(r => r.Kind, r => r.Json);
            Assert.DoesNotContain("Alice Secret", stored["user"], StringComparison.Ordinal);
            Assert.Contains("\"teamsId\":\"29:alice\"", stored["user"].Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("a:1chat", stored["user"], StringComparison.Ordinal);
            Assert.Contains("DeliberationBot", stored["conversation"], StringComparison.Ordinal);
            Assert.Contains("Agency", stored["installation"], StringComparison.Ordinal);
        }
    }

    private ChannelStateRow Row(string channel, string kind, string key, string json) =>
        new() { Channel = channel, WorkspaceId = "t1", Kind = kind, Key = key, Json = json, UpdatedAt = db.Time.GetUtcNow() };
}

public sealed class SqliteTeamsNamesMigrationTests() : TeamsNamesMigrationContract(new SqliteTestDatabase());

public sealed class PostgresTeamsNamesMigrationTests() : TeamsNamesMigrationContract(new PostgresTestDatabase());
