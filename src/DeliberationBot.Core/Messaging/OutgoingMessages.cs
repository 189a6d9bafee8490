using System.Text.Json.Serialization;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Core.Messaging;

/// <summary>
/// Everything the bot says, in channel-neutral form. Each channel has a renderer from these records to its own
/// format (Block Kit, Adaptive Cards, plain text); no platform type appears here.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(DeliberationCard), "deliberation-card")]
[JsonDerivedType(typeof(GroupPrompt), "group-prompt")]
[JsonDerivedType(typeof(QuestionPrompt), "question-prompt")]
[JsonDerivedType(typeof(Confirmation), "confirmation")]
[JsonDerivedType(typeof(ErrorMessage), "error")]
[JsonDerivedType(typeof(StatusReport), "status")]
[JsonDerivedType(typeof(FlowList), "flows")]
[JsonDerivedType(typeof(HelpMessage), "help")]
[JsonDerivedType(typeof(StartForm), "start-form")]
[JsonDerivedType(typeof(ReminderNotice), "reminder")]
[JsonDerivedType(typeof(SummaryPlaceholder), "summary-placeholder")]
[JsonDerivedType(typeof(ConcernList), "concerns")]
[JsonDerivedType(typeof(AnswersReview), "answers-review")]
[JsonDerivedType(typeof(WeeklyDigest), "weekly-digest")]
[JsonDerivedType(typeof(DigestReference), "weekly-digest-reference")]
[JsonDerivedType(typeof(SummaryReport), "summary-report")]
[JsonDerivedType(typeof(OwnerConcerns), "owner-concerns")]
[JsonDerivedType(typeof(ConcernResponseNotice), "concern-response")]
[JsonDerivedType(typeof(DecisionRequest), "decision-request")]
[JsonDerivedType(typeof(DecisionRecorded), "decision-recorded")]
[JsonDerivedType(typeof(ConditionNotice), "condition")]
[JsonDerivedType(typeof(ExportLink), "export-link")]
[JsonDerivedType(typeof(Reports.ReportLink), "report-link")]
[JsonDerivedType(typeof(Community.CommunityInvitationLink), "community-link")]
[JsonDerivedType(typeof(Community.CommunityContactList), "community-contacts")]
public abstract record OutgoingMessage;

/// <summary>Answers per stakeholder group; names never appear, so it is safe when anonymous answers exist.</summary>
public sealed record GroupProgress(StakeholderGroup Group, int Participants, int Finished, int Answers);

public sealed record ProgressSummary(int Participants, int Finished, IReadOnlyList<GroupProgress> ByGroup);

/// <summary>The deliberation's message in its home conversation, updated in place as answers arrive.</summary>
public sealed record DeliberationCard(
    Guid DeliberationId,
    string Title,
    string? Description,
    string FlowId,
    string FlowTitle,
    int QuestionCount,
    IReadOnlyList<UserRef> Owners,
    UserRef Facilitator,
    DateOnly? Due,
    AnonymityPolicy Anonymity,
    DeliberationStatus Status,
    ProgressSummary Progress) : OutgoingMessage
{
    /// <summary>The decision once it is recorded: the card says it, so that whoever finds the card learns what became of the proposal.</summary>
    public Decision? Decision { get; init; }

    /// <summary>Replies in the card's thread would not reach the bot (<see cref="Deliberation.RepliesUnheard"/>): the card invites none.</summary>
    public bool RepliesUnheard { get; init; }
}

/// <summary>Asks a person which stakeholder group they answer as (and, where allowed, whether anonymously).</summary>
public sealed record GroupPrompt(Guid DeliberationId, string DeliberationTitle, AnonymityPolicy Anonymity, StakeholderGroup? Remembered) : OutgoingMessage
{
    public IReadOnlyList<StakeholderGroupInfo> Groups => StakeholderGroups.All;

    /// <summary>The thread reply the person wrote before joining, to be their answer once they have chosen a group.</summary>
    public WaitingReply? Waiting { get; init; }
}

/// <summary>
/// A reply typed in a deliberation's thread (or its conversation, <see cref="Deliberations.PublicPlace"/>) by someone who
/// had not joined yet: its words, and the key of the delivery that brought it, which the answer is recorded under (so
/// the reply counts once, and editing it changes the answer). Core holds the words (<see cref="Deliberations.WaitingWords"/>);
/// a button or card carries only the key, so what one sends back has no words (<see cref="Carried"/>).
/// </summary>
public sealed record WaitingReply(string Text, string DeliveryKey)
{
    /// <summary>
    /// What a button or card sends back: the key, and words only from a prompt sent before Core held them (read only
    /// when none are held, <see cref="Deliberations.ThreadAnswering.FindWaitingAsync"/>).
    /// </summary>
    public static WaitingReply Carried(string deliveryKey, string? words = null) => new(words ?? "", deliveryKey);

    /// <summary>Where it was written; not carried by a button or card, but read back from what was written down (<see cref="Deliberations.ThreadAnswering"/>).</summary>
    public Deliberations.PublicPlace Place { get; init; }
}

/// <summary>
/// One question, with everything a channel needs to build a form for its answer kind. Progress is counted as questions
/// <see cref="Answered"/>, <see cref="Skipped"/> and <see cref="Left"/> (this one included), so a follow-up that opens
/// adds to what is left instead of renumbering what was asked.
/// </summary>
public sealed record QuestionPrompt(
    Guid DeliberationId,
    string DeliberationTitle,
    string SectionTitle,
    string? SectionIntro,
    string QuestionId,
    string Text,
    string? Help,
    AnswerKind Kind,
    IReadOnlyList<ChoiceOption> Options,
    string? Unit,
    string? LowLabel,
    string? HighLabel,
    bool Required,
    int Answered,
    int Left,
    AnswerValue? CurrentAnswer,
    bool CurrentlyFlagged,
    bool Anonymous) : OutgoingMessage
{
    /// <summary>Questions already answered, so a person can go back and change one.</summary>
    public IReadOnlyList<AnsweredQuestion> Earlier { get; init; } = [];

    /// <summary>Questions the person skipped, counted apart from those <see cref="Answered"/>, as the summary counts them.</summary>
    public int Skipped { get; init; }

    /// <summary>The question was answered already: the person is changing that answer, not being asked a new question.</summary>
    public bool Changing => CurrentAnswer is not null;

    /// <summary>The concern the person has just flagged, as the owners will receive it.</summary>
    public ConcernPreview? JustFlagged { get; init; }

    /// <summary>
    /// A follow-up of the person's answer that raised a concern: the owners read this answer with that concern
    /// (<see cref="Concerns.ConcernVoice.FollowUpOf"/>), and the person knows it before they write (<see cref="ReadWithConcernNote"/>).
    /// </summary>
    public bool ReadWithConcern { get; init; }

    public const string ReadWithConcernNote = "The proposal's owners will read your answer here together with the concern your previous answer raised.";

    /// <summary>What happened to a thread reply the person wrote before joining, when they have just joined.</summary>
    public string? Notice { get; init; }

    /// <summary>Where the person's words that led here were written for others to read; their next can come there too.</summary>
    public Deliberations.PublicPlace? WordsFrom { get; init; }
}

public sealed record AnsweredQuestion(string QuestionId, string Text, string Answer)
{
    /// <summary>The person flagged this answer as a concern: their review says so, as the preview did when they flagged it.</summary>
    public bool Flagged { get; init; }

    /// <summary>Said beside a flagged answer in the person's review.</summary>
    public const string FlaggedNote = "Flagged as a concern: the proposal's owners receive it.";
}

/// <summary>When someone has answered everything: thanks, and their answers, each of which they can change.</summary>
public sealed record AnswersReview(Guid DeliberationId, string Title, string Text, IReadOnlyList<AnsweredQuestion> Answers) : OutgoingMessage
{
    /// <summary>The concern the person has just flagged, as the owners will receive it.</summary>
    public ConcernPreview? JustFlagged { get; init; }

    /// <summary>What became of a reply the person typed: written before joining, or after answering everything.</summary>
    public string? Notice { get; init; }
}

/// <summary>A short, friendly statement of what just happened.</summary>
public sealed record Confirmation(string Text) : OutgoingMessage;

/// <summary>Something the person can fix, with what to type instead.</summary>
public sealed record ErrorMessage(string Text, string? Usage = null) : OutgoingMessage
{
    /// <summary>The question a typed answer that could not be taken was for, shown beneath it (it is no command to type).</summary>
    public string? Question { get; init; }

    /// <summary>
    /// All it says as one line, for where there is room for a line only (a form's error): the text, then what to type
    /// and the question it was for, so that neither is lost on the way.
    /// </summary>
    public string OnOneLine =>
        string.Join(" ", new[] { Text, Usage is null ? null : $"Usage: {Usage}", Question is null ? null : $"Question: {Question}" }.OfType<string>());
}

public sealed record SectionCoverage(string SectionId, string SectionTitle, IReadOnlyDictionary<StakeholderGroup, int> AnswersByGroup);

public sealed record StatusReport(
    Guid DeliberationId,
    string Title,
    DeliberationStatus Status,
    DateOnly? Due,
    ProgressSummary Progress,
    IReadOnlyList<SectionCoverage> Coverage,
    int Concerns,
    int UnresolvedConcerns) : OutgoingMessage
{
    /// <summary>The public page's link and what came through it; null when the deliberation has none.</summary>
    public Community.CommunityStatus? Community { get; init; }

    /// <summary>The decision once it is recorded, with its rationale in the facilitator's words.</summary>
    public Decision? Decision { get; init; }

    /// <summary>The decision's conditions, each with where it stands (met, or not, or waiting).</summary>
    public IReadOnlyList<ConcernView> Conditions { get; init; } = [];

    /// <summary>Said of a closed deliberation whose decision is not recorded yet.</summary>
    public const string AwaitingDecision = "Awaiting the facilitator's decision.";
}

public sealed record FlowInfo(string Id, string Title, string Description, int QuestionCount);

public sealed record FlowList(IReadOnlyList<FlowInfo> Flows) : OutgoingMessage;

public sealed record CommandHelp(string Usage, string Description);

public sealed record HelpMessage(IReadOnlyList<CommandHelp> Commands) : OutgoingMessage;

/// <summary>A form to start a deliberation, offered when <c>start</c> comes without arguments.</summary>
public sealed record StartForm(IReadOnlyList<FlowInfo> Flows) : OutgoingMessage;

public sealed record ReminderNotice(Guid DeliberationId, string Title, int QuestionsLeft, DateOnly? Due) : OutgoingMessage;

/// <summary>Posted when a deliberation closes, until the summary is ready.</summary>
public sealed record SummaryPlaceholder(Guid DeliberationId, string Title, string Text) : OutgoingMessage;

/// <summary>
/// The concerns of a deliberation, each in the words of the people who raised it; concerns on the same question are
/// shown together but stay separate. Merged concerns appear inside the one they were merged into.
/// </summary>
public sealed record ConcernList(Guid DeliberationId, string Title, IReadOnlyList<ConcernView> Concerns) : OutgoingMessage
{
    /// <summary>
    /// What the list holds, counted: "9 concerns and 1 condition". Conditions of the decision are listed with the
    /// concerns but are the facilitator's, not words people raised.
    /// </summary>
    [JsonIgnore]
    public string Counted => (Raised, Conditions) switch
    {
        (_, 0) => GroupWords.Count(Raised, "concern"),
        (0, var n) => GroupWords.Count(n, "condition"),
        var (raised, n) => $"{GroupWords.Count(raised, "concern")} and {GroupWords.Count(n, "condition")}",
    };

    /// <summary>
    /// The line above the list, without its last stop, which the surface adds (a colon before the list it shows): "9
    /// concerns, each in the words of the people who raised it, and 1 condition of the decision", "No concerns raised yet".
    /// </summary>
    [JsonIgnore]
    public string Lead => (Raised, Conditions) switch
    {
        (0, 0) => "No concerns raised yet",
        (_, 0) => $"{GroupWords.Count(Raised, "concern")}, each in the words of the people who raised it",
        (0, var n) => $"{GroupWords.Count(n, "condition")} of the decision",
        var (raised, n) => $"{GroupWords.Count(raised, "concern")}, each in the words of the people who raised it, and {GroupWords.Count(n, "condition")} of the decision",
    };

    private int Conditions => Concerns.Count(c => c.Kind == ConcernKind.Condition);

    private int Raised => Concerns.Count - Conditions;
}
