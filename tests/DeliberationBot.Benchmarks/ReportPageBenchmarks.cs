using BenchmarkDotNet.Attributes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Host.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeliberationBot.Benchmarks;

/// <summary>
/// The server's work for one page of a full ai-proposal deliberation with 200 participants, once its rows are loaded:
/// the offline summary, the page's view (record, charts, concerns over time) and the HTML. Budget: 50 ms.
/// </summary>
[MemoryDiagnoser]
public class ReportPageBenchmarks : IDisposable
{
    private SampleDeliberation _sample = null!;
    private SummaryInput _input = null!;
    private ServiceProvider _services = null!;
    private HtmlRenderer _renderer = null!;
    private ExportLink _exports = null!;

    [GlobalSetup]
    public void Setup()
    {
        var flow = Core.Flows.FlowParser.Parse(File.ReadAllText(Path.Combine(Repository.Root, "prompts", "flows", "ai-proposal.yaml")), "ai-proposal.yaml");
        var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        _sample = SampleDeliberation.Build(flow, new ConversationRef("test", "T1", "C1"), new UserRef("U-DANA", "Dana"), [new UserRef("U-MARIA", "Maria")], 200, start);
        var refs = _sample.Participants.Select((p, i) => (p.Key, Ref: $"P{i + 1}")).ToDictionary(x => x.Key, x => x.Ref);
        var anonymous = _sample.Participants.ToDictionary(p => p.Key, p => p.Anonymous);
        _input = new SummaryInput(_sample.Deliberation.Id, _sample.Deliberation.Title, flow,
            [.. _sample.Answers.Select((a, i) => new SummaryAnswer($"A{i + 1}", a.QuestionId, a.Group, refs[a.ParticipantKey], anonymous[a.ParticipantKey], a.Value, a.FlaggedConcern))], 3);
        _exports = new ExportLink(_sample.Deliberation.Id, _sample.Deliberation.Title, new Uri("https://bot.example/export.md"), new Uri("https://bot.example/export.json"), start.AddDays(30));
        _services = new ServiceCollection().BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);
    }

    /// <summary>As long as a real link's token (198 characters in the host's tests): every link to a page of answers carries it.</summary>
    public static string Token { get; } = new('t', 198);

    [Benchmark(Description = "summary + view + HTML, 200 participants")]
    public string Page() => Html<ReportPage>(View(Summary()), null);

    /// <summary>The offline summary, as the page gets it.</summary>
    public DeliberationSummary Summary() => OfflineSummarizer.Summarize(_input);

    /// <summary>The facilitator's view: record, charts, concerns over time, pages of answers.</summary>
    public ReportView View(DeliberationSummary summary) =>
        ReportViews.Build(
            new ReportSource(_sample.Deliberation, _sample.Flow, _sample.Participants, _sample.Answers, _sample.Concerns, _sample.Events, summary, _input.MinGroupSize),
            ReportAudience.Leader, _exports, _sample.Deliberation.CreatedAt.AddDays(6));

    /// <summary>The main page's HTML, or with <paramref name="answers"/> that page of answers.</summary>
    public string Html<TPage>(ReportView view, AnswerPage? answers)
        where TPage : IComponent =>
        _renderer.Dispatcher.InvokeAsync(async () =>
            (await _renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["View"] = view, ["Token"] = Token, ["Page"] = answers }.Where(p => p.Value is not null).ToDictionary()))).ToHtmlString())
            .GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Dispose()
    {
        _renderer?.Dispose();
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }
}
