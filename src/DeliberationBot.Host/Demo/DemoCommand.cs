using System.Globalization;
using System.Security.Cryptography;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Host.Composition;

namespace DeliberationBot.Host.Demo;

/// <summary>
/// <c>dotnet run --project src/DeliberationBot.Host -- demo</c>: a whole quick-check deliberation with simulated
/// participants, through the real application services, storage (a throw-away SQLite file) and outbox.
/// </summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("deliberationbot-demo-");
        try
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Sqlite",
                ["Storage:SqlitePath"] = Path.Combine(folder.FullName, "demo.db"),
                ["Privacy:PseudonymKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            });
            builder.Services.AddDeliberationBot(builder.Configuration);
            builder.Services.AddSingleton<IChannelSender>(new ConsoleChannelSender(output));
            builder.Services.AddSingleton<DemoScript>();
            builder.Services.AddSingleton(output);

            using var host = builder.Build();
            await host.StartAsync();
            await host.Services.GetRequiredService<DemoScript>().RunAsync(CancellationToken.None);
            await host.StopAsync();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}

internal sealed class DemoScript(
    CommandDispatcher commands,
    AnsweringService answering,
    ConcernService concerns,
    OutboxDispatcher outbox,
    IDeliberationStore store,
    TimeProvider time,
    TextWriter output)
{
    private const string Workspace = "demo-agency";
    private static readonly ConversationRef Channel = new(ConsoleChannelSender.ChannelName, Workspace, "ai-review");
    private static readonly UserRef Dana = new("U-DANA", "Dana (director)");
    private int _delivery;

    public async Task RunAsync(CancellationToken ct)
    {
        output.WriteLine("DeliberationBot demo: a quick check of an AI proposal, with four simulated participants.");
        output.WriteLine();
        var due = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await CommandAsync(Dana, $"start quick-check \"Predictive screening for hotline calls\" owner:<@U-MARIA|Maria> due:{due} anonymous", ct);
        var deliberation = await store.FindLatestOpenAsync(Workspace, Channel.Channel, Channel.ConversationId, ct)
            ?? throw new InvalidOperationException("The demo deliberation was not started.");

        foreach (var persona in DemoPersona.QuickCheckCast())
        {
            await TakePartAsync(persona, deliberation.Id, ct);
        }

        await CommandAsync(Dana, "status", ct);
        await CommandAsync(Dana, "concerns", ct);
        await CommandAsync(Dana, "remind", ct);
        await CommandAsync(Dana, "close", ct);
        await CloseTheLoopAsync(deliberation.Id, ct);

        var answers = await store.ListAnswersAsync(Workspace, deliberation.Id, ct);
        var participants = await store.ListParticipantsAsync(Workspace, deliberation.Id, ct);
        output.WriteLine($"Demo finished: {participants.Count} participants, {answers.Count} answers, {(await store.ListEventsAsync(Workspace, deliberation.Id, ct)).Count} history events.");
    }

    /// <summary>After closing: an owner answers a concern, its raiser accepts, and the facilitator decides.</summary>
    private async Task CloseTheLoopAsync(Guid deliberationId, CancellationToken ct)
    {
        var open = (await store.ListConcernsAsync(Workspace, deliberationId, ct)).First(c => c.IsUnresolved && c.Raisers is ["user:U-LEE"]);
        var maria = new Actor(Channel.Channel, Workspace, new UserRef("U-MARIA", "Maria"));
        output.WriteLine($"Maria marks concern #{open.Number} addressed.");
        Show(maria.User, await concerns.ActAsync(maria, open.Id, ConcernAction.MarkAddressed, "The purpose is now written down: order the queue, never decide a case on its own.", NextKey(), ct));
        await DrainAsync(ct);
        var lee = new Actor(Channel.Channel, Workspace, new UserRef("U-LEE", "Lee (counsel)"));
        output.WriteLine("Lee accepts the response.");
        Show(lee.User, await concerns.ActAsync(lee, open.Id, ConcernAction.Accept, null, NextKey(), ct));
        await DrainAsync(ct);
        await CommandAsync(Dana, "decide conditions \"Pilot in one office, measuring the added minutes per case.\"", ct);
        var due = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await CommandAsync(Dana, $"condition \"Report the measured minutes per case before any roll-out\" owner:<@U-MARIA|Maria> due:{due}", ct);
    }

    private async Task TakePartAsync(DemoPersona persona, Guid deliberationId, CancellationToken ct)
    {
        var actor = new Actor(Channel.Channel, Workspace, persona.User);
        output.WriteLine($"{persona.User.Display} presses Answer.");
        var reply = Show(persona.User, await answering.OpenAsync(actor, deliberationId, ct));
        if (reply is GroupPrompt)
        {
            output.WriteLine($"{persona.User.Display} picks \"{persona.Group.Label()}\"{(persona.Anonymous ? " and answers anonymously" : "")}.");
            reply = Show(persona.User, await answering.JoinAsync(actor, deliberationId, persona.Group, persona.Anonymous, NextKey(), ct));
        }

        var answered = 0;
        while (reply is QuestionPrompt prompt && answered < persona.StopAfter)
        {
            var text = persona.AnswerFor(prompt);
            output.WriteLine($"{persona.User.Display} replies: {text}");
            var result = await answering.AnswerTextAsync(actor, deliberationId, text, NextKey(), ct);
            if (prompt.QuestionId == persona.FlagsQuestion)
            {
                output.WriteLine($"{persona.User.Display} flags that answer as a concern.");
                // The reply now also shows what the owners will receive from the flag.
                result = await answering.FlagConcernAsync(actor, deliberationId, prompt.QuestionId, flagged: true, NextKey(), ct);
            }

            reply = Show(persona.User, result);

            answered++;
        }

        if (reply is QuestionPrompt)
        {
            output.WriteLine($"{persona.User.Display} stops here, to come back later.");
            output.WriteLine();
        }

        await DrainAsync(ct);
    }

    private async Task CommandAsync(UserRef user, string text, CancellationToken ct)
    {
        output.WriteLine($"{user.Display} types: /deliberate {text}");
        Show(user, await commands.HandleAsync(new Actor(Channel.Channel, Workspace, user), Channel, text, null, NextKey(), ct));
        await DrainAsync(ct);
    }

    private OutgoingMessage? Show(UserRef user, TurnResult result)
    {
        foreach (var message in result.Replies)
        {
            DemoOutput.Block(output, $"bot replies to {user.Display} (only they see it)", PlainTextRenderer.Render(message));
        }

        return result.Replies.Count > 0 ? result.Replies[^1] : null;
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        while (await outbox.DispatchDueAsync(ct) > 0)
        {
        }
    }

    private string NextKey() => $"demo:{Interlocked.Increment(ref _delivery)}";
}
