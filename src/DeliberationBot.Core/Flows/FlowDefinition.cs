using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Flows;

public sealed record ChoiceOption(string Id, string Label);

public sealed record FollowUp(AnswerCondition When, IReadOnlyList<string> Ask);

public sealed record Question(
    string Id,
    string SectionId,
    string Text,
    string? Help,
    AnswerKind Kind,
    IReadOnlyList<ChoiceOption> Options,
    IReadOnlySet<StakeholderGroup> AskedOf,
    bool Required,
    AnswerCondition? ConcernWhen,
    IReadOnlyList<FollowUp> FollowUps,
    string? Unit = null,
    string? LowLabel = null,
    string? HighLabel = null)
{
    /// <summary>An empty <see cref="AskedOf"/> means everyone.</summary>
    public bool IsAskedOf(StakeholderGroup group) => AskedOf.Count == 0 || AskedOf.Contains(group);

    /// <summary>Listed options for choice kinds, implied ones for yes/no/unsure and scales.</summary>
    public IReadOnlyList<ChoiceOption> EffectiveOptions => Kind.HasListedOptions() ? Options : AnswerKinds.ImpliedOptions(Kind);

    /// <summary>
    /// The question as whoever reads its answers needs it: a scale's with what its ends mean ("How ready is it? (1 = Not
    /// ready at all, 5 = Fully ready)"), since an answer of 2 says nothing without them.
    /// </summary>
    public string TextWithScale => Kind == AnswerKind.Scale ? $"{Text} ({AnswerKinds.ScaleLegend(LowLabel, HighLabel)})" : Text;

    public bool RaisesConcern(AnswerValue value) => ConcernWhen?.IsMetBy(value) ?? false;

    /// <summary>Asked on the public community page (<c>audience: community</c> on the question or its section).</summary>
    public bool ForCommunity { get; init; }

    public Wordings Wordings { get; init; } = Wordings.None;

    /// <summary>The question as the public page shows it in a language, English where a field is not translated.</summary>
    public QuestionWording In(string language) => new(
        Wordings.Get(language, "text") ?? Text,
        Help is null ? null : Wordings.Get(language, "help") ?? Help,
        LowLabel is null ? null : Wordings.Get(language, "low_label") ?? LowLabel,
        HighLabel is null ? null : Wordings.Get(language, "high_label") ?? HighLabel,
        [.. EffectiveOptions.Select(o => o with { Label = Wordings.Get(language, Wordings.Option(o.Id)) ?? o.Label })]);
}

/// <summary>One question's words in one language.</summary>
public sealed record QuestionWording(string Text, string? Help, string? LowLabel, string? HighLabel, IReadOnlyList<ChoiceOption> Options)
{
    /// <summary>The question beside an answer to it, in this language: a scale's with what its ends mean, where the flow names them.</summary>
    public string TextWithScale => LowLabel is null && HighLabel is null ? Text : $"{Text} ({AnswerKinds.ScaleLegend(LowLabel, HighLabel)})";
}

public sealed record Section(string Id, string Title, string? Intro, string? Relation, string? Area, IReadOnlyList<Question> Questions)
{
    public Wordings Wordings { get; init; } = Wordings.None;

    public string TitleIn(string language) => Wordings.Get(language, "title") ?? Title;

    public string? IntroIn(string language) => Intro is null ? null : Wordings.Get(language, "intro") ?? Intro;
}

/// <summary>
/// A parsed, validated flow. <see cref="Version"/> is a hash of <see cref="Source"/>, so a running deliberation can keep
/// the exact flow it started with even after the YAML file changes.
/// </summary>
public sealed class FlowDefinition
{
    private readonly Dictionary<string, Question> _byId;
    private readonly Dictionary<string, List<(Question Trigger, AnswerCondition When)>> _triggers;

    public FlowDefinition(string id, string title, string description, IReadOnlyList<Section> sections, string version, string source)
    {
        Id = id;
        Title = title;
        Description = description;
        Sections = sections;
        Version = version;
        Source = source;
        Questions = [.. sections.SelectMany(s => s.Questions)];
        _byId = Questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
        _triggers = [];
        foreach (var trigger in Questions)
        {
            foreach (var followUp in trigger.FollowUps)
            {
                foreach (var target in followUp.Ask)
                {
                    if (!_triggers.TryGetValue(target, out var list))
                    {
                        _triggers[target] = list = [];
                    }

                    list.Add((trigger, followUp.When));
                }
            }
        }
    }

    public string Id { get; }

    public string Title { get; }

    public string Description { get; }

    public IReadOnlyList<Section> Sections { get; }

    public string Version { get; }

    public string Source { get; }

    /// <summary>The languages the public page may offer this flow's community questions in; English always.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [Wordings.English];

    /// <summary>All questions in the order they are asked.</summary>
    public IReadOnlyList<Question> Questions { get; }

    public Question? FindQuestion(string id) => _byId.GetValueOrDefault(id);

    public Section SectionOf(Question question) => Sections.First(s => s.Id == question.SectionId);

    /// <summary>True when the question is asked only as the follow-up of another answer.</summary>
    public bool IsFollowUp(Question question) => _triggers.ContainsKey(question.Id);

    /// <summary>
    /// The flow as the public page asks it: only the questions for the community, follow-ups among them only. Same id and
    /// version, so answers given here belong to the same deliberation and flow.
    /// </summary>
    public FlowDefinition CommunityView()
    {
        var kept = Questions.Where(q => q.ForCommunity).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var sections = Sections
            .Select(s => s with
            {
                Questions = [.. s.Questions.Where(q => kept.Contains(q.Id)).Select(q => q with
                {
                    FollowUps = [.. q.FollowUps.Select(f => f with { Ask = [.. f.Ask.Where(kept.Contains)] }).Where(f => f.Ask.Count > 0)],
                })],
            })
            .Where(s => s.Questions.Count > 0)
            .ToList();
        return new FlowDefinition(Id, Title, Description, sections, Version, Source) { Languages = Languages };
    }

    public IReadOnlyList<(Question Trigger, AnswerCondition When)> TriggersOf(Question question) =>
        _triggers.TryGetValue(question.Id, out var list) ? list : [];
}
