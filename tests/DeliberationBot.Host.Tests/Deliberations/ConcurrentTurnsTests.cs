using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Host.Tests.Support;
using static DeliberationBot.Host.Tests.Support.Cast;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Host.Tests.Deliberations;

/// <summary>
/// Many people acting on one deliberation at the same moment: each turn reads the record, decides, and commits; each
/// concern is numbered where it is written, so none is refused or worked out again for a number another took.
/// </summary>
public sealed class ConcurrentTurnsTests
{
    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Concerns_recorded_at_the_same_moment_are_all_kept_with_numbers_of_their_own(string provider)
    {
        PostgresScratchDatabase? postgres = null;
        if (provider == "Postgres")
        {
            PostgresServer.SkipUnlessConfigured();
            postgres = await PostgresScratchDatabase.CreateAsync();
        }

        try
        {
            using var factory = new BotFactory(
                postgres is null ? null : new() { ["Storage:Provider"] = "Postgres", ["ConnectionStrings:Deliberations"] = postgres.ConnectionString },
                driven: true);
            factory.CreateClient().Dispose();
            await RecordManyAtOnceAsync(factory);
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
    }

    private static async Task RecordManyAtOnceAsync(BotFactory factory)
    {
        var commands = factory.Services.GetRequiredService<CommandDispatcher>();
        await commands.HandleAsync(Dana, Room, "start quick-check \"Road repair ranking\" owner:<@U-MARIA|Maria>", null, "start", default);

        const int many = 24;
        var results = await Task.WhenAll(Enumerable.Range(1, many).Select(i => Task.Run(() =>
            commands.HandleAsync(Dana, Room, $"concern \"Worry number {i} about the ranking\"", null, $"concern-{i}", default))));

        Assert.All(results, r => Assert.StartsWith("Recorded concern #", Assert.IsType<Confirmation>(Assert.Single(r.Replies)).Text, StringComparison.Ordinal));
        var store = factory.Services.GetRequiredService<IDeliberationStore>();
        var id = (await store.FindLatestOpenAsync(Ws, Room.Channel, Room.ConversationId, default))!.Id;
        var concerns = await store.ListConcernsAsync(Ws, id, default);
        Assert.Equal(Enumerable.Range(1, many), concerns.Select(c => c.Number).Order());
        Assert.Equal(Enumerable.Range(1, many).Select(i => $"Worry number {i} about the ranking").Order(), concerns.Select(c => c.Text).Order());
    }
}
