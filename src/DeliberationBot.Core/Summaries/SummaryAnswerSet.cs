using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Summaries;

/// <summary>
/// A summary input's answers in citation-id order, with the small-group rule applied: a group's anonymous answers are
/// shown only once at least <see cref="SummaryInput.MinGroupSize"/> distinct participants of the group have answered
/// anonymously (skips do not count), the rule the record keeps too: named answers beside them would otherwise narrow
/// down who wrote them. Always shown, whatever the group's size: named answers; answers a person flagged as a concern
/// (flagging is a deliberate act to be heard, and the person is warned when they flag that their group is small); and
/// labour figures (see <see cref="LabourTally"/>). Answers to questions the flow does not have are ignored.
/// </summary>
public sealed class SummaryAnswerSet
{
    private readonly Dictionary<string, List<SummaryAnswer>> _byQuestion;
    private readonly Dictionary<StakeholderGroup, int> _participants;
    private readonly Dictionary<StakeholderGroup, int> _anonymous;
    private readonly HashSet<string> _labourQuestions;

    private SummaryAnswerSet(SummaryInput input)
    {
        Input = input;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (input.Answers.FirstOrDefault(a => !ids.Add(a.Id)) is { } duplicate)
        {
            throw new ArgumentException($"Answer citation id '{duplicate.Id}' is used more than once.", nameof(input));
        }

        // Answers usually arrive in citation order already; checking that is one pass, sorting is many.
        List<SummaryAnswer> inFlow = [.. input.Answers.Where(a => input.Flow.FindQuestion(a.QuestionId) is not null)];
        All = inFlow.Zip(inFlow.Skip(1)).All(pair => AnswerOrder.Instance.Compare(pair.First, pair.Second) < 0) ? inFlow : [.. inFlow.Order(AnswerOrder.Instance)];
        _byQuestion = All.GroupBy(a => a.QuestionId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _participants = PeoplePerGroup(All.Where(a => !a.Value.Skipped).Select(a => (a.Group, a.ParticipantRef)));
        _anonymous = AnsweredAnonymously(All.Select(a => (a.Group, a.ParticipantRef, a.Anonymous, a.Value.Skipped)));
        _labourQuestions = [.. input.Flow.Questions.Where(LabourTally.IsLabourQuestion).Select(q => q.Id)];
    }

    public SummaryInput Input { get; }

    public FlowDefinition Flow => Input.Flow;

    /// <summary>Every answer to a question of the flow, shown or not, in citation-id order.</summary>
    public IReadOnlyList<SummaryAnswer> All { get; }

    public static SummaryAnswerSet From(SummaryInput input) => new(input);

    /// <summary>Distinct participants of the group with at least one answer that is not a skip.</summary>
    public int ParticipantsIn(StakeholderGroup group) => _participants.GetValueOrDefault(group);

    /// <summary>Whether the group's anonymous answers are shown: at least <see cref="SummaryInput.MinGroupSize"/> of its people answered anonymously.</summary>
    public bool IsGroupShown(StakeholderGroup group) => _anonymous.GetValueOrDefault(group) >= Input.MinGroupSize;

    /// <summary>
    /// How many people of each group answered anonymously, skips aside: the count the small-group rule reads, here and in
    /// the record (<see cref="Exports.DeliberationRecords.Build"/>), so that both show the same anonymous answers.
    /// </summary>
    public static Dictionary<StakeholderGroup, int> AnsweredAnonymously(IEnumerable<(StakeholderGroup Group, string Person, bool Anonymous, bool Skipped)> answers) =>
        PeoplePerGroup(answers.Where(a => a.Anonymous && !a.Skipped).Select(a => (a.Group, a.Person)));

    /// <summary>How many distinct people gave the answers, per group.</summary>
    private static Dictionary<StakeholderGroup, int> PeoplePerGroup(IEnumerable<(StakeholderGroup Group, string Person)> answers) =>
        answers.GroupBy(a => a.Group).ToDictionary(g => g.Key, g => g.Select(a => a.Person).Distinct(StringComparer.Ordinal).Count());

    public bool IsShown(SummaryAnswer answer) => IsShownInWords(answer) || _labourQuestions.Contains(answer.QuestionId);

    /// <summary>
    /// Whether the person's own words may be shown: a labour figure is shown whatever the group's size, but words typed
    /// with it ("20, more since the new intake form") can tell who wrote them like any written answer.
    /// </summary>
    public bool IsShownInWords(SummaryAnswer answer) => !answer.Anonymous || answer.FlaggedConcern || IsGroupShown(answer.Group);

    public IReadOnlyList<SummaryAnswer> ForQuestion(string questionId) =>
        _byQuestion.TryGetValue(questionId, out var list) ? list : [];

    /// <summary>Shown answers that are not skips, for one question.</summary>
    public IEnumerable<SummaryAnswer> ShownFor(string questionId) => ForQuestion(questionId).Where(a => !a.Value.Skipped && IsShown(a));

    /// <summary>The answer as it may be quoted: free text as written, other kinds as their option labels or number.</summary>
    public static string TextOf(Question question, AnswerValue value) =>
        question.Kind == AnswerKind.FreeText && value.Text is not null ? value.Text : AnswerParser.Describe(question, value);

    /// <summary>A shown answer as it may be quoted here: a labour figure shown only for its number, without the words typed with it.</summary>
    public string QuotableText(Question question, SummaryAnswer answer) =>
        TextOf(question, IsShownInWords(answer) ? answer.Value : answer.Value.WithWords(null));
}

/// <summary>Citation ids in natural order ("A2" before "A10"), then ordinal.</summary>
public sealed class CitationIdComparer : IComparer<string>
{
    public static CitationIdComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);
        }

        Split(x, out var xPrefix, out var xNumber);
        Split(y, out var yPrefix, out var yNumber);
        var byPrefix = xPrefix.SequenceCompareTo(yPrefix);
        if (byPrefix != 0)
        {
            return byPrefix;
        }

        var byNumber = xNumber.Length != yNumber.Length ? xNumber.Length.CompareTo(yNumber.Length) : xNumber.SequenceCompareTo(yNumber);
        return byNumber != 0 ? byNumber : string.CompareOrdinal(x, y);
    }

    /// <summary>The id's letters and its number without leading zeros, as views of the id (sorting allocates nothing).</summary>
    private static void Split(string id, out ReadOnlySpan<char> prefix, out ReadOnlySpan<char> number)
    {
        var end = id.Length;
        while (end > 0 && char.IsAsciiDigit(id[end - 1]))
        {
            end--;
        }

        prefix = id.AsSpan(0, end);
        number = id.AsSpan(end).TrimStart('0');
    }
}

internal sealed class AnswerOrder : IComparer<SummaryAnswer>
{
    public static AnswerOrder Instance { get; } = new();

    public int Compare(SummaryAnswer? x, SummaryAnswer? y) => CitationIdComparer.Instance.Compare(x?.Id, y?.Id);
}
