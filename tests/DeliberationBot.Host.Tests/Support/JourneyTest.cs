using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using Microsoft.Extensions.DependencyInjection;
using static DeliberationBot.Host.Tests.Support.Cast;

namespace DeliberationBot.Host.Tests.Support;

/// <summary>
/// The started service per test (xunit makes one instance per test), driven through its application services by the
/// <see cref="Cast"/>, with an HTTP client for its pages and exports.
/// </summary>
public abstract class JourneyTest : IDisposable
{
    private int _key;

    protected JourneyTest()
    {
        Http = Factory.CreateClient(); // starts the host and its migrations
    }

    // Driven: the test sends what the outbox holds itself (RecordingChannel.WaitForAsync does), so no step waits on a worker.
    internal BotFactory Factory { get; } = new(driven: true);

    internal HttpClient Http { get; }

    internal CommandDispatcher Commands => Factory.Services.GetRequiredService<CommandDispatcher>();

    internal AnsweringService Answering => Factory.Services.GetRequiredService<AnsweringService>();

    internal ConcernService Concerns => Factory.Services.GetRequiredService<ConcernService>();

    internal IDeliberationStore Store => Factory.Services.GetRequiredService<IDeliberationStore>();

    public void Dispose()
    {
        Http.Dispose();
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A closed quick-check: Ana (named) flags her purpose answer, and says workers can't override a score when
    /// <paramref name="anaSaysNoOverride"/>; Sam (anonymous) says there is no appeal.
    /// </summary>
    internal async Task<Deliberation> ClosedDeliberationAsync(bool anaSaysNoOverride = false)
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Predictive screening for hotline calls\" owner:<@U-MARIA|Maria> anonymous", null, Key(), default);
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        await Answering.JoinAsync(Ana, d.Id, StakeholderGroup.FrontlineWorker, anonymous: false, Key(), default);
        await Answering.AnswerTextAsync(Ana, d.Id, "Rank calls by risk", Key(), default);
        await Answering.FlagConcernAsync(Ana, d.Id, "purpose", flagged: true, Key(), default);
        if (anaSaysNoOverride)
        {
            await Answering.AnswerAsync(Ana, d.Id, "can-override", AnswerValue.FromChoices("no"), flagConcern: false, Key(), default);
        }

        await Answering.JoinAsync(Sam, d.Id, StakeholderGroup.Community, anonymous: true, Key(), default);
        await Answering.AnswerAsync(Sam, d.Id, "can-appeal", AnswerValue.FromChoices("no"), flagConcern: false, Key(), default);
        Assert.IsType<Confirmation>((await Commands.HandleAsync(Dana, Room, "close", null, Key(), default)).Replies.Single());

        // What closing queued is sent before anyone acts on it, as people respond to the notices they have received (a
        // notice still waiting would take in the next one for the same owner).
        await Factory.DeliverAsync();
        return d;
    }

    internal static string Error(TurnResult result) => Assert.IsType<ErrorMessage>(result.Replies.Single()).Text;

    internal string Key() => $"k{Interlocked.Increment(ref _key)}";
}
