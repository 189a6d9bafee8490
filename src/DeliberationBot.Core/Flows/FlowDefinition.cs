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

    public bool RaisesConcern(AnswerValue value) => ConcernWhen?.IsMetBy(value) ?? false;
}

public sealed record Section(string Id, string Title, string? Intro, string? Relation, string? Area, IReadOnlyList<Question> Questions);

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

    /// <summary>All questions in the order they are asked.</summary>
    public IReadOnlyList<Question> Questions { get; }

    public Question? FindQuestion(string id) => _byId.GetValueOrDefault(id);

    public Section SectionOf(Question question) => Sections.First(s => s.Id == question.SectionId);

    /// <summary>True when the question is asked only as the follow-up of another answer.</summary>
    public bool IsFollowUp(Question question) => _triggers.ContainsKey(question.Id);

    public IReadOnlyList<(Question Trigger, AnswerCondition When)> TriggersOf(Question question) =>
        _triggers.TryGetValue(question.Id, out var list) ? list : [];
}
