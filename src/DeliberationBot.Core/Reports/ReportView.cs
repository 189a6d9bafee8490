using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Exports;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Core.Reports;

/// <summary>
/// Everything a deliberation's page shows to one reader. The record follows the export's rules and the charts the
/// summary's (shown answers only), so the page never reveals more than chat or the export would. Only leaders get the
/// export links, since the export names participants.
/// </summary>
public sealed record ReportView(
    ReportAudience Audience,
    DeliberationRecord Record,
    ProgressSummary Progress,
    DeliberationSummary Summary,
    IReadOnlyList<DistributionChart> Distributions,
    IReadOnlyList<LabourEstimate> Labour,
    IReadOnlyList<ConcernDay> ConcernsOverTime,
    IReadOnlyList<RecordEvent> DecisionHistory,
    IReadOnlyDictionary<int, IReadOnlyList<ConcernWords>> Words,
    ExportLink? Exports,
    DateTimeOffset GeneratedAt)
{
    /// <summary>The record's answers, page by page; only for leaders (participants see answers only as the summary quotes them).</summary>
    public IReadOnlyList<AnswerPage> AnswerPages { get; init; } = [];

    /// <summary>How many of the people who took part answered on the public community page.</summary>
    public int ViaPublicPage { get; init; }
}

/// <summary>One person's words in a concern; <see cref="Who"/> names them only for leaders, and only if they answered by name.</summary>
public sealed record ConcernWords(string Text, string Who)
{
    /// <summary>Given on reopening the concern, in answer to the owners' response.</summary>
    public bool Reopening { get; init; }

    /// <inheritdoc cref="Exports.RecordVoice.Answering"/>
    public string? Answering { get; init; }
}

/// <summary>One question's answers by group, option by option; <see cref="Disagreement"/> says how groups differ, if they do.</summary>
public sealed record DistributionChart(string QuestionId, string SectionTitle, string Question, AnswerKind Kind, IReadOnlyList<string> Options, IReadOnlyList<GroupDistribution> Groups, string? Disagreement);

/// <summary><see cref="Counts"/> line up with the chart's options.</summary>
public sealed record GroupDistribution(StakeholderGroup Group, IReadOnlyList<int> Counts)
{
    public int Total => Counts.Sum();
}

/// <summary>The data a page is made from, as loaded from the store.</summary>
public sealed record ReportSource(
    Deliberation Deliberation,
    FlowDefinition Flow,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<Answer> Answers,
    IReadOnlyList<Concern> Concerns,
    IReadOnlyList<DeliberationEvent> Events,
    DeliberationSummary Summary,
    int MinGroupSize);

public static class ReportViews
{
    private static readonly AnswerKind[] Charted = [AnswerKind.Scale, AnswerKind.SingleChoice, AnswerKind.YesNoUnsure, AnswerKind.MultipleChoice];

    /// <summary>Frontline workers first, then the people closest to them, then everyone else.</summary>
    private static readonly StakeholderGroup[] LabourOrder =
        [StakeholderGroup.FrontlineWorker, StakeholderGroup.FrontlineLeader, .. Enum.GetValues<StakeholderGroup>().Where(g => g is not (StakeholderGroup.FrontlineWorker or StakeholderGroup.FrontlineLeader))];

    public static ReportView Build(ReportSource source, ReportAudience audience, ExportLink? exports, DateTimeOffset now)
    {
        var (d, flow, summary) = (source.Deliberation, source.Flow, source.Summary);
        var leader = audience == ReportAudience.Leader;
        var record = DeliberationRecords.Build(d, flow, source.Participants, source.Answers, source.Concerns, source.Events, source.MinGroupSize, summary: null, nameParticipants: leader);
        return new ReportView(
            audience,
            leader ? record : record with { Answers = [] },
            Overview.Progress(DeliberationTally.Of(source.Participants, source.Answers)),
            summary,
            Distributions(summary, flow),
            [.. summary.AddedLabour.Select(l => l with { ByGroup = [.. l.ByGroup.OrderBy(g => Array.IndexOf(LabourOrder, g.Group))] })],
            ConcernTimeline.Build(d, source.Concerns, source.Events, now),
            DecisionHistory(d, source.Events),
            source.Concerns.ToDictionary(c => c.Number, c => (IReadOnlyList<ConcernWords>)[.. c.Voices.Select(v => VoiceReading.Of(v, flow)).Select(v => new ConcernWords(v.Text, Who(v, leader))
            {
                Reopening = v.Reopening,
                Answering = ConcernView.OtherQuestionOf(c, v, flow)?.Text,
            })]),
            exports,
            now)
        {
            AnswerPages = leader ? AnswerPages.Split(record.Answers) : [],
            ViaPublicPage = source.Participants.Count(p => p.ViaPublicPage),
        };
    }

    /// <summary>Scale and choice questions, disagreements first, each group's shown answers counted per option.</summary>
    public static IReadOnlyList<DistributionChart> Distributions(DeliberationSummary summary, FlowDefinition flow)
    {
        var disagreements = summary.Disagreements.ToDictionary(x => x.QuestionId, x => x.Statement.Text, StringComparer.Ordinal);
        return [.. summary.Sections
            .SelectMany(s => s.Questions.Select(q => (Section: s.Title, Summary: q)))
            .Where(x => Charted.Contains(x.Summary.Kind) && flow.FindQuestion(x.Summary.QuestionId) is not null)
            .Select(x =>
            {
                var options = flow.FindQuestion(x.Summary.QuestionId)!.EffectiveOptions;
                var groups = x.Summary.Groups
                    .Select(g => new GroupDistribution(g.Group, [.. options.Select(o => g.Options.FirstOrDefault(c => c.OptionId == o.Id)?.Count ?? 0)]))
                    .Where(g => g.Total > 0)
                    .ToList();
                return new DistributionChart(x.Summary.QuestionId, x.Section, x.Summary.Text, x.Summary.Kind, [.. options.Select(o => o.Label)], groups,
                    disagreements.GetValueOrDefault(x.Summary.QuestionId));
            })
            .Where(c => c.Groups.Count > 0)
            .OrderBy(c => c.Disagreement is null)];
    }

    /// <summary>Every decision recorded, oldest first: an amended decision keeps the earlier ones here.</summary>
    private static IReadOnlyList<RecordEvent> DecisionHistory(Deliberation d, IReadOnlyList<DeliberationEvent> events) =>
        [.. events.Where(e => e.Type.StartsWith("decision.", StringComparison.Ordinal)).OrderBy(e => e.At)
            .Select(e => new RecordEvent(e.At, e.Data ?? e.Type, Leader(d, e.Actor)))];

    private static string Who(ConcernVoice v, bool leader)
    {
        if (v.Suggested)
        {
            return ConcernView.SuggestedBy + (leader && v.Name is not null ? v.Name : "the facilitator");
        }

        var group = v.Group?.Label() ?? ConcernView.WithoutGroup;
        return (leader && v.Name is not null ? $"{v.Name} ({group})" : group) + ConcernView.Answering(v) + ConcernView.Note(v);
    }

    private static string Leader(Deliberation d, string? actorKey)
    {
        var id = actorKey?.StartsWith("user:", StringComparison.Ordinal) == true ? actorKey["user:".Length..] : null;
        return id is null ? "DeliberationBot" : d.Owners.Append(d.Facilitator).FirstOrDefault(u => u.Id == id)?.Display ?? id;
    }
}
