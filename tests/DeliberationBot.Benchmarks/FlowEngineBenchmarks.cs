using BenchmarkDotNet.Attributes;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Benchmarks;

/// <summary>
/// What every answer costs in pure work: evaluating a participant's position in the full ai-proposal flow, and parsing
/// that flow (done once at start-up and for each stored flow version). Compared with a baseline that only walks the
/// questions, so the engine's own cost is visible.
/// </summary>
[MemoryDiagnoser]
public class FlowEngineBenchmarks
{
    private FlowDefinition _flow = null!;
    private string _yaml = null!;
    private Dictionary<string, AnswerValue> _half = null!;

    [Params(StakeholderGroup.FrontlineWorker, StakeholderGroup.LegalPolicy)]
    public StakeholderGroup Group { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _yaml = File.ReadAllText(Path.Combine(Repository.Root, "prompts", "flows", "ai-proposal.yaml"));
        _flow = FlowParser.Parse(_yaml, "ai-proposal.yaml");
        _half = [];
        for (var progress = FlowEngine.Evaluate(_flow, Group, _half); !progress.IsComplete && _half.Count < progress.Applicable.Count / 2; progress = FlowEngine.Evaluate(_flow, Group, _half))
        {
            var q = progress.Next!;
            _half[q.Id] = q.Kind switch
            {
                AnswerKind.FreeText => AnswerValue.FromText("An answer of ordinary length, a sentence or two about the proposal."),
                AnswerKind.Number or AnswerKind.Scale => AnswerValue.FromNumber(3),
                _ => AnswerValue.FromChoices(q.EffectiveOptions[0].Id),
            };
        }
    }

    [Benchmark(Baseline = true, Description = "walk the questions (baseline)")]
    public int WalkQuestions() => _flow.Questions.Count(q => q.IsAskedOf(Group) && !_half.ContainsKey(q.Id));

    [Benchmark(Description = "FlowEngine.Evaluate, half answered")]
    public Question? Evaluate() => FlowEngine.Evaluate(_flow, Group, _half).Next;

    [Benchmark(Description = "FlowParser.Parse ai-proposal.yaml")]
    public int Parse() => FlowParser.Parse(_yaml, "ai-proposal.yaml").Questions.Count;
}
