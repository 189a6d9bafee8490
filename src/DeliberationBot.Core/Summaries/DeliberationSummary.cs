using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Summaries;

public enum SummarySource
{
    /// <summary>Written by rules from the answers alone.</summary>
    Offline,

    /// <summary>The offline summary with statements and suggested concerns added by a language model.</summary>
    Model,

    /// <summary>A model was configured but could not be used; see <see cref="DeliberationSummary.FallbackReason"/>.</summary>
    OfflineFallback,
}

/// <summary>
/// A deliberation's summary. Everything but <see cref="SuggestedConcerns"/> and statements marked
/// <see cref="StatementOrigin.Model"/> is computed by rules from the answers, so a model can add to a summary but never
/// take anything out of it: flagged concerns are always listed from the answers themselves. <see cref="DroppedStatements"/>
/// and <see cref="DroppedSuggestions"/> count what a model wrote that failed the checks of <see cref="ModelAdditions"/>
/// and was left out, so the summary can say so.
/// </summary>
public sealed record DeliberationSummary(
    Guid DeliberationId,
    string Title,
    string FlowId,
    string FlowVersion,
    SummarySource Source,
    string? FallbackReason,
    int MinGroupSize,
    int Participants,
    int Answers,
    IReadOnlyList<Disagreement> Disagreements,
    VoicesHeard VoicesHeard,
    IReadOnlyList<LabourEstimate> AddedLabour,
    IReadOnlyList<SectionSummary> Sections,
    IReadOnlyList<SuggestedConcern> SuggestedConcerns,
    int DroppedStatements,
    int DroppedSuggestions)
{
    public IEnumerable<QuestionSummary> Questions => Sections.SelectMany(s => s.Questions);
}

public enum StatementOrigin
{
    /// <summary>Written by the offline rules from counts; never invents content.</summary>
    Rule,

    /// <summary>
    /// Written by a language model, and published only because it cites answers it was shown, quotes one of them word for
    /// word and does not contradict the record (see <see cref="ModelAdditions"/>).
    /// </summary>
    Model,
}

/// <summary>A sentence about the answers, with the citation ids of the answers it rests on.</summary>
public sealed record Statement(string Text, IReadOnlyList<string> Cites, StatementOrigin Origin);

/// <summary>
/// An answer shown word for word: free text as written, other kinds as their option labels or number; an option or a
/// number given with words is quoted as the words alone, what was chosen said beside them (<see cref="Answered"/>), so
/// that what is in quotation marks is what the person wrote.
/// </summary>
public sealed record QuotedAnswer(string AnswerId, StakeholderGroup Group, string Text, bool FlaggedConcern, bool RuleConcern)
{
    /// <summary>The option chosen or the number given with the words in <see cref="Text"/>; null when the quote is the whole answer.</summary>
    public string? Answered { get; init; }

    /// <summary>Who said it, as a quote is signed: "Frontline worker", or "Frontline worker, who answered 2".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string By => Group.Label() + (Answered is { } answered ? $", who answered {answered}" : "");

    /// <summary>The answer <paramref name="text"/> (as <see cref="SummaryAnswerSet.TextOf"/> reads it) quoted: read apart when it is an option or a number with words.</summary>
    public static QuotedAnswer Of(Flows.Question question, SummaryAnswer answer, string text, bool ruleConcern) =>
        Concerns.VoiceReading.Apart(question, text) is var (answered, words)
            ? new(answer.Id, answer.Group, words, answer.FlaggedConcern, ruleConcern) { Answered = answered }
            : new(answer.Id, answer.Group, text, answer.FlaggedConcern, ruleConcern);
}

public sealed record OptionCount(string OptionId, string Label, int Count, IReadOnlyList<string> Cites);

/// <summary>
/// Numbers as given, one per answer; <see cref="Median"/> (the middle value, or the mean of the two middle values) is
/// rounded to two decimals. The median, not the mean, is a group's figure everywhere: one person's outlying number does
/// not move it. No total: a sum across people means nothing per case.
/// </summary>
public sealed record NumberStats(int Count, decimal Median, decimal Min, decimal Max);

/// <summary>
/// What one stakeholder group said to one question. <see cref="Answered"/> counts every answer given (so a group is never
/// silently missing); <see cref="Withheld"/> of them are anonymous answers of a group with fewer than the minimum number
/// of participants (flagged answers and labour figures excepted, see <see cref="SummaryAnswerSet"/>), and are left out of
/// everything else here. <see cref="Quotes"/> are its answers in words most like the rest, and <see cref="LeastAlike"/>,
/// when more were written, the one least like them; <see cref="Unquoted"/> counts the others, so a reader is told that
/// more was said, and where to read it, rather than left to think the quotes are all.
/// </summary>
public sealed record GroupAnswers(
    StakeholderGroup Group,
    int Answered,
    int Skipped,
    int Withheld,
    IReadOnlyList<OptionCount> Options,
    NumberStats? Numbers,
    IReadOnlyList<QuotedAnswer> Quotes,
    QuotedAnswer? LeastAlike,
    int Unquoted,
    int FlaggedConcerns,
    int RuleConcerns)
{
    public int Shown => Answered - Withheld;
}

/// <summary>
/// One question's answers. <see cref="Concerns"/> holds every answer a person flagged as a concern, word for word with
/// its group, whatever the group's size: flagging is a deliberate act to be heard.
/// </summary>
public sealed record QuestionSummary(
    string QuestionId,
    string SectionId,
    string Text,
    AnswerKind Kind,
    string? Unit,
    IReadOnlyList<GroupAnswers> Groups,
    IReadOnlyList<QuotedAnswer> Concerns,
    IReadOnlyList<Statement> Statements);

public sealed record SectionSummary(string SectionId, string Title, IReadOnlyList<QuestionSummary> Questions);

public enum DisagreementKind
{
    /// <summary>Group medians of a number or scale lie far apart.</summary>
    Numbers,

    /// <summary>Groups' majorities chose different options.</summary>
    Majority,
}

/// <summary>Where one group stands on a question: its median, or the option most of it chose.</summary>
public sealed record GroupPosition(StakeholderGroup Group, int Answers, string Position, decimal? Median, string? OptionId, IReadOnlyList<string> Cites);

public sealed record Disagreement(
    string QuestionId,
    string SectionId,
    string QuestionText,
    DisagreementKind Kind,
    IReadOnlyList<GroupPosition> Positions,
    Statement Statement);

/// <summary>One row of the voices-heard matrix: a stakeholder group's participation in each section.</summary>
public sealed record VoicesHeardRow(StakeholderGroup Group, int Participants, IReadOnlyList<VoicesHeardCell> Cells);

/// <summary><see cref="Asked"/>: the section has a question (not a follow-up) meant for this group.</summary>
public sealed record VoicesHeardCell(string SectionId, int Participants, int Answers, bool Asked);

public sealed record VoicesHeardSection(string SectionId, string Title);

public enum VoiceGapKind
{
    /// <summary>Nobody of the group has taken part at all.</summary>
    GroupAbsent,

    /// <summary>The group took part, but nobody of it answered a section meant for it.</summary>
    SectionUnanswered,
}

public sealed record VoiceGap(VoiceGapKind Kind, StakeholderGroup Group, string? SectionId, string Text);

/// <summary>Stakeholder groups × flow sections, and the gaps in plain words.</summary>
public sealed record VoicesHeard(IReadOnlyList<VoicesHeardSection> Sections, IReadOnlyList<VoicesHeardRow> Rows, IReadOnlyList<VoiceGap> Gaps);

/// <summary>One stakeholder group's figures for a labour question; <c>Stats.Count</c> is the number of people.</summary>
public sealed record GroupLabour(StakeholderGroup Group, NumberStats Stats, IReadOnlyList<string> Cites);

/// <summary>
/// A number question measured in minutes (e.g. added minutes per case), per stakeholder group and never summed across
/// people or groups. <see cref="ByGroup"/> lists frontline workers first; <see cref="Comparison"/> sets their median
/// against the leaders' estimates in one sentence, and <see cref="OtherGroups"/> are the groups it does not name.
/// </summary>
public sealed record LabourEstimate(
    string QuestionId,
    string SectionId,
    string QuestionText,
    string Unit,
    IReadOnlyList<GroupLabour> ByGroup,
    Statement Comparison)
{
    /// <summary>The groups whose figures <see cref="Comparison"/> does not give, so each figure is read once.</summary>
    public IEnumerable<GroupLabour> OtherGroups => ByGroup.Where(g => !LabourTally.IsCompared(g.Group));
}

/// <summary>A concern a model noticed that nobody flagged. Always a suggestion until a facilitator confirms it.</summary>
public sealed record SuggestedConcern(string Text, string SectionId, string? QuestionId, IReadOnlyList<string> Cites);
