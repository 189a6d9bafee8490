using System.Reflection;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Exports;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Privacy;
using DeliberationBot.Core.Reports;
using DeliberationBot.Core.Scheduling;
using DeliberationBot.Core.Summaries;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Core.Tests.Support;

/// <summary>Core's application services wired as the host wires them, over <see cref="InMemoryDeliberationStore"/> and a fake clock.</summary>
internal sealed class ServiceBed
{
    public const string Workspace = "T1";

    /// <summary>The token every service call in these tests passes: nothing here is cancelled.</summary>
    public static readonly CancellationToken None = CancellationToken.None;

    public const string FlowYaml = """
        id: services
        title: Services test
        sections:
          - id: work
            title: Daily work
            questions:
              - id: impact
                text: What changes for you?
                kind: free_text
                required: true
              - id: minutes
                text: Minutes added per case?
                kind: number
              - id: workers-only
                text: Workers only?
                kind: yes_no_unsure
                asked_of: [frontline_worker]
        """;

    /// <summary><see cref="FlowYaml"/> with a rating last, whose scale's ends are named.</summary>
    public const string FlowYamlWithRating = FlowYaml + """

                  - id: vendor-open
                    text: How open has the vendor been?
                    kind: scale
                    low_label: Not open at all
                    high_label: Very open
            """;

    /// <summary><see cref="FlowYaml"/> with a question whose "no" raises a concern by the flow's rule.</summary>
    public const string FlowYamlWithOverrideRule = FlowYaml + """

                  - id: override
                    text: Can workers override the score?
                    kind: yes_no_unsure
                    concern_when: { any_of: ["no"] }
            """;

    public static readonly ConversationRef Home = new("slack", Workspace, "C1");
    public static readonly Actor Fiona = new("slack", Workspace, new UserRef("U0FIONA", "fiona"));
    public static readonly Actor Maria = new("slack", Workspace, new UserRef("U0MARIA", "maria"));
    public static readonly Actor Sam = new("slack", Workspace, new UserRef("U0SAM", "sam"));
    public static readonly Actor Lee = new("slack", Workspace, new UserRef("U0LEE", "lee"));

    /// <param name="flowYaml">The "services" flow the bed's deliberations run, <see cref="FlowYaml"/> unless a test needs more.</param>
    public ServiceBed(string flowYaml = FlowYaml)
    {
        var catalog = new FlowCatalog([FlowParser.Parse(flowYaml, "services.yaml", "services")]);
        var signal = Signal;
        var turn = Turn = new TurnSupport(Store, new FlowResolver(catalog, Store), new Pseudonymizer(new byte[32]), signal, Stale, Time);
        var publisher = new ConcernPublisher(turn, Stale);
        var links = new TestLinks(Time);
        var reports = new ReportService(turn, links, links, links);
        Answering = new AnsweringService(turn, Options.Create(new GroupSizeOptions()));
        Replies = new ReplyOutbox(Store, signal, Time);
        Messages = new AnswerMessages(turn, Replies);
        var refused = new RefusedAnswers(turn, Answering);
        Chat = new ChatAnswering(turn, new TypedCommands(catalog), Answering, Messages, refused);
        Threads = new ThreadAnswering(turn, Answering, Messages, refused, Replies);
        Deliberations = new DeliberationService(turn, catalog, publisher, reports, Options.Create(ReminderSettings));
        Concerns = new ConcernService(turn, publisher, Options.Create(new GroupSizeOptions()));
        DigestSources = store => new DigestSourceReader(turn, store, publisher);
        var digests = new DigestService(turn, Unused<IScheduleStore>.Instance, Unused<IDigestStore>.Instance, DigestSources(Unused<IDigestStore>.Instance), new DigestAudience([]), signal, Options.Create(new DigestOptions()), links);
        Commands = new CommandDispatcher(
            Deliberations, Concerns, new DecisionService(turn, Concerns), new SuggestionService(turn, Concerns, Options.Create(new GroupSizeOptions())), new ExportService(turn, links), digests,
            reports, new InvitationService(turn, Unused<ICommunityLinks>.Instance), Stale, Time);
    }

    public InMemoryDeliberationStore Store { get; } = new();

    /// <summary>What the digest reads a workspace through, over a given digest store and this bed's flows and deliberations.</summary>
    public Func<IDigestStore, DigestSourceReader> DigestSources { get; }

    /// <summary>The version <see cref="FlowYaml"/> has once loaded, as a deliberation on it records.</summary>
    public static string FlowVersion { get; } = FlowParser.Parse(FlowYaml, "services.yaml", "services").Version;

    /// <summary>What wakes the outbox worker; these tests have no worker, so nothing else waits on it.</summary>
    public OutboxSignal Signal { get; } = new();

    public StaleTurns Stale { get; } = new();

    /// <summary>What every service of this bed reads and commits through.</summary>
    public TurnSupport Turn { get; }

    /// <summary>Quiet hours and the rest, as <c>remind</c> reads them: the defaults unless a test changes them.</summary>
    public Reminders.ReminderOptions ReminderSettings { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    public AnsweringService Answering { get; }

    public ChatAnswering Chat { get; }

    /// <summary>Replies typed in a deliberation's thread (or its conversation).</summary>
    public ThreadAnswering Threads { get; }

    /// <summary>What an edit or a deletion of a message that answers needs to know about it.</summary>
    public AnswerMessages Messages { get; }

    /// <summary>Where an adapter queues a turn's replies (what tells a handled message from one not come yet).</summary>
    public ReplyOutbox Replies { get; }

    public DeliberationService Deliberations { get; }

    public ConcernService Concerns { get; }

    /// <summary>Commands typed on any platform. Digest and community commands need stores this bed does not have.</summary>
    public CommandDispatcher Commands { get; }

    /// <summary>Fiona starts a deliberation in C1 owned by Maria.</summary>
    public async Task<Guid> StartAsync(AnonymityPolicy anonymity = AnonymityPolicy.AnonymousAllowed, ConversationRef? home = null)
    {
        home ??= Home;
        var request = new StartRequest("services", "Predictive screening", null, [Maria.User], null, anonymity);
        var result = await Deliberations.StartAsync(Fiona, home, request, "start:" + home.ConversationId, CancellationToken.None);
        Assert.IsType<Confirmation>(Assert.Single(result.Replies));
        return (await Store.FindLatestAsync(Workspace, home.Channel, home.ConversationId, CancellationToken.None))!.Id;
    }

    /// <summary>A dependency these tests never reach: any call to it fails the test that made it.</summary>
    internal class Unused<T> : DispatchProxy
        where T : class
    {
        public static readonly T Instance = Create<T, Unused<T>>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new NotSupportedException($"{typeof(T).Name}.{targetMethod?.Name} is not part of this test bed.");
    }

    /// <summary>Signs links as the host would shape them; no token is ever valid here, as these tests open no page.</summary>
    private sealed class TestLinks(TimeProvider time) : IReportLinkSigner, IExportLinkSigner, ISummaryTextSource
    {
        public int MinGroupSize => new GroupSizeOptions().MinGroupSize;

        public ReportLink Sign(string workspaceId, Guid deliberationId, string title, UserRef viewer) =>
            new(deliberationId, title, new Uri($"https://bot.test/d/{deliberationId:N}?for={viewer.Id}"), time.GetUtcNow().AddDays(7));

        public ExportLink Sign(string workspaceId, Guid deliberationId, string title) =>
            new(deliberationId, title, new Uri($"https://bot.test/e/{deliberationId:N}.md"), new Uri($"https://bot.test/e/{deliberationId:N}.json"), time.GetUtcNow().AddDays(1));

        ReportGrant? IReportLinkSigner.Verify(string token) => null;

        (string WorkspaceId, Guid DeliberationId)? IExportLinkSigner.Verify(string token) => null;

        public Task<string?> SummaryTextAsync(Deliberation deliberation, CancellationToken ct) => Task.FromResult<string?>(null);

        public Task<DeliberationSummary> SummaryAsync(Deliberation deliberation, CancellationToken ct) =>
            throw new NotSupportedException("These tests open no deliberation page.");
    }
}
