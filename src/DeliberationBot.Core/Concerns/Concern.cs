using System.Text.Json.Serialization;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Concerns;

public enum ConcernKind
{
    /// <summary>Something people worry about, for the owners to answer.</summary>
    Concern,

    /// <summary>A condition of a "go with conditions" decision, with its own owner and due date.</summary>
    Condition,
}

public static class ConcernKinds
{
    /// <summary>"Concern #3", or for a condition of the decision, "Condition #3": how a person refers to it.</summary>
    public static string Named(this ConcernKind kind, int number) => $"{(kind == ConcernKind.Condition ? "Condition" : "Concern")} #{number}";

    /// <summary>Who reads a response to it: the people who raised a concern, the person who set a condition (the facilitator).</summary>
    public static string ReadBy(this ConcernKind kind) => kind == ConcernKind.Condition ? "the person who set it" : "the people who raised it";

    /// <summary>"concern", or "condition".</summary>
    public static string Noun(this ConcernKind kind) => kind == ConcernKind.Condition ? "condition" : "concern";

    /// <summary>What its owners' answer makes of it: a concern is addressed (or won't be), a condition is met (or won't be).</summary>
    public static string Settled(this ConcernKind kind) => kind == ConcernKind.Condition ? "met" : "addressed";

    /// <summary>
    /// What accepting the owners' <paramref name="answer"/> settled, as "that it …" goes on: a condition "is met" or
    /// "won't be met", a concern "won't be addressed". Null for a concern accepted as addressed, which "resolved" says,
    /// and where the answer is not known.
    /// </summary>
    public static string? AcceptedAs(this ConcernKind kind, OwnersAnswer? answer) => (kind, answer) switch
    {
        (ConcernKind.Condition, OwnersAnswer.Addressed) => "is met",
        (ConcernKind.Condition, OwnersAnswer.WontAddress) => "won't be met",
        (_, OwnersAnswer.WontAddress) => "won't be addressed",
        _ => null,
    };
}

public enum ConcernOrigin
{
    FlaggedAnswer,
    FlowRule,
    Facilitator,
    ConfirmedSuggestion,
    Decision,
}

public enum ConcernStatus
{
    Open,
    Acknowledged,

    /// <summary>An owner says it is addressed; waiting for the raisers to accept.</summary>
    Addressed,

    /// <summary>An owner will not address it, with a rationale; waiting for the raisers to accept.</summary>
    WontAddress,

    /// <summary>The raisers accepted the response.</summary>
    Resolved,

    /// <summary>The facilitator recorded why it is closed without the raisers.</summary>
    ClosedByFacilitator,

    /// <summary>Merged by the facilitator into another concern (<see cref="Concern.MergedInto"/>), which carries its words on.</summary>
    Merged,
}

/// <summary>
/// One person's words in a concern: what they wrote, their stakeholder group, and their name only when they answered
/// by name. <see cref="RaiserKey"/> is their participant key (pseudonymous for anonymous people); <see cref="QuestionId"/>
/// the question they answered, kept as context.
/// </summary>
public sealed record ConcernVoice(string RaiserKey, StakeholderGroup? Group, string? Name, string Text, string? QuestionId)
{
    /// <summary>Words a person who raised the concern gave when they reopened it: why the response did not settle it for them.</summary>
    public bool Reopening { get; init; }

    /// <summary>
    /// A concern the AI summary suggested, in the summary's words, as the facilitator confirmed it: nobody's answer,
    /// and said so wherever it is shown.
    /// </summary>
    public bool Suggested { get; init; }

    /// <summary>
    /// An answer the summary cited for the concern it suggested, as it stood when the facilitator confirmed it: what
    /// the suggestion rests on, in the person's words. They did not raise the concern themselves and are not asked
    /// about the owners' response; their answer stays theirs (a concern they flag later is their own).
    /// </summary>
    public bool Cited { get; init; }

    /// <summary>
    /// What the person did with the answer these words came from once it no longer raises the concern: changed it to
    /// one the question's rule does not take, took the flag off, or withdrew it. Null while their answer still says it.
    /// </summary>
    public AnswerSince? Since { get; init; }

    /// <summary>
    /// The question whose answer these words follow up: the person's answer to a question that answer opened ("What would
    /// need to change…"), kept beside the answer that raised the concern, so the owners read what would settle it too.
    /// Null for every other voice, and for a follow-up's answer the person flagged: that is a concern of its own.
    /// </summary>
    public string? FollowUpOf { get; init; }

    /// <summary>
    /// Only in a voice as it is read (<see cref="VoiceReading"/>), never kept: the option the person chose or the number
    /// they gave, when <see cref="Text"/> holds the words they gave with it.
    /// </summary>
    public string? Answered { get; init; }

    /// <summary>
    /// Only in a voice as anyone in the conversation reads it (<see cref="ConcernView.InConversation"/>), never kept: the
    /// person answered by name, and their name is for the owners and the facilitator; they read as their group alone,
    /// not as "anonymous", which they did not choose. Written only when set: a kept voice never carries it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NameWithheld { get; init; }

    public bool Is(VoiceChange change) => change.RaiserKey == RaiserKey && change.QuestionId == QuestionId;
}

public enum AnswerSinceKind
{
    /// <summary>The answer now says something else (<see cref="AnswerSince.AnswerNow"/>, when it may be shown).</summary>
    Changed,

    /// <summary>The same words, no longer flagged as a concern.</summary>
    Unflagged,

    /// <summary>The question left unanswered after all.</summary>
    Withdrawn,
}

/// <summary>
/// A voice's words are kept as they were given, for the concern was raised with them; this says what became of the
/// answer since, so nobody reads them as the person's answer now. <see cref="AnswerNow"/> is the answer as it reads now
/// (an option, a rating, a number), never words the person typed without flagging them.
/// </summary>
public sealed record AnswerSince(AnswerSinceKind Kind, string? AnswerNow = null)
{
    /// <summary>After the person's attribution: "who has since changed this answer to “Yes”".</summary>
    [JsonIgnore]
    public string Clause => Kind switch
    {
        AnswerSinceKind.Unflagged => "who no longer flags it as a concern",
        AnswerSinceKind.Withdrawn => "who has since withdrawn this answer",
        _ => AnswerNow is { } now ? $"who has since changed this answer to \u201C{now}\u201D" : "who has since changed this answer",
    };

    /// <summary>To the person themselves: "you have since changed this answer to “Yes”".</summary>
    [JsonIgnore]
    public string ToThePerson => Kind switch
    {
        AnswerSinceKind.Unflagged => "you no longer flag it as a concern",
        AnswerSinceKind.Withdrawn => "you have since withdrawn this answer",
        _ => AnswerNow is { } now ? $"you have since changed this answer to \u201C{now}\u201D" : "you have since changed this answer",
    };

    /// <summary>After words where there is no attribution (the digest): "since changed to “Yes”".</summary>
    [JsonIgnore]
    public string Brief => Kind switch
    {
        AnswerSinceKind.Unflagged => "since unflagged",
        AnswerSinceKind.Withdrawn => "since withdrawn",
        _ => AnswerNow is { } now ? $"since changed to \u201C{now}\u201D" : "since changed",
    };
}

/// <summary>A voice added to a concern the owners had heard of, or one whose words changed (<see cref="Edited"/>) since.</summary>
public sealed record VoiceChange(string RaiserKey, string? QuestionId, bool Edited)
{
    /// <summary>An edit of what became of the answer behind the words (<see cref="ConcernVoice.Since"/>), not of the words.</summary>
    public bool Answer { get; init; }
}

/// <summary>
/// A concern (or a decision's condition) and where it stands. <see cref="Raisers"/> are participant keys, so anonymous
/// raisers stay pseudonymous; a named raiser's key carries their user id.
/// </summary>
public sealed record Concern(
    Guid Id,
    Guid DeliberationId,
    int Number,
    ConcernKind Kind,
    ConcernOrigin Origin,
    string? SectionId,
    string? QuestionId,
    string Text,
    IReadOnlyList<StakeholderGroup> RaisedByGroups,
    IReadOnlyList<string> Raisers,
    ConcernStatus Status,
    string? Response,
    UserRef? Owner,
    DateOnly? Due,
    IReadOnlyList<string> AcceptedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Everyone's words in this concern, each as they wrote it: one voice, or more once concerns are merged.</summary>
    public IReadOnlyList<ConcernVoice> Voices { get; init; } = [];

    /// <summary>The number of the concern this one was merged into.</summary>
    public int? MergedInto { get; init; }

    /// <summary>
    /// The owners' last answer, addressed or won't address: the status says it only until the people who raised it (or,
    /// for a condition, who set it) accept it, and "resolved" alone would not tell a reader whether a condition was met.
    /// Null for a concern stored before it was kept.
    /// </summary>
    public OwnersAnswer? OwnersAnswer { get; init; }

    /// <summary>
    /// Who wrote the <see cref="Response"/>: the owner (for a condition, its owner) whose words it is, so that the people
    /// who raised it and the leaders read who answered them. Null for a response kept before this was, and for words
    /// only the facilitator gave in closing it.
    /// </summary>
    public UserRef? RespondedBy { get; init; }

    /// <summary>When the owners were last sent this concern as it stands; cleared by any change they have not heard of.</summary>
    public DateTimeOffset? OwnersHeardAt { get; init; }

    /// <summary>
    /// Which of its writes this concern was read as (0: never written). The store writes a concern only over the one it
    /// was read as, so a turn that read it before another turn changed it (an owner's response, a raiser's acceptance,
    /// people's words added) goes stale and is worked out again instead of writing the other's change away.
    /// </summary>
    public int Version { get; init; }

    /// <summary>
    /// The voices added or edited since the owners were sent this concern before: what is new to them when they are sent
    /// it again, kept until the next change after that. Empty for a concern they have never been sent (all of it is new).
    /// </summary>
    public IReadOnlyList<VoiceChange> VoiceChanges { get; init; } = [];

    /// <summary>
    /// What <see cref="VoiceChanges"/> becomes when <paramref name="added"/> and <paramref name="edited"/> voices change
    /// the concern: the changes since the owners last heard of it. A voice added and then edited before they hear of it
    /// is still new to them.
    /// </summary>
    /// <param name="answers">Voices whose words stay but whose answer's standing changed (<see cref="ConcernVoice.Since"/>).</param>
    public IReadOnlyList<VoiceChange> ChangedBy(IEnumerable<ConcernVoice> added, IEnumerable<ConcernVoice> edited, IEnumerable<ConcernVoice>? answers = null)
    {
        var heardBefore = OwnersHeardAt is not null || VoiceChanges.Count > 0;
        if (!heardBefore)
        {
            return [];
        }

        var since = OwnersHeardAt is null ? VoiceChanges : [];
        var news = added.Select(v => new VoiceChange(v.RaiserKey, v.QuestionId, Edited: false))
            .Concat(edited.Select(v => new VoiceChange(v.RaiserKey, v.QuestionId, Edited: true)))
            .Concat((answers ?? []).Select(v => new VoiceChange(v.RaiserKey, v.QuestionId, Edited: true) { Answer = true }));
        return [.. since.Concat(news).DistinctBy(c => (c.RaiserKey, c.QuestionId))];
    }

    /// <summary>Unresolved until the raisers accept or the facilitator closes it without them. A merged concern lives on in another.</summary>
    public bool IsUnresolved => Status is not (ConcernStatus.Resolved or ConcernStatus.ClosedByFacilitator or ConcernStatus.Merged);

    public bool IsMerged => Status == ConcernStatus.Merged;

    /// <summary>New, or changed since the owners last heard of it.</summary>
    public bool IsNewsToOwners => OwnersHeardAt is null;

    public bool IsAwaitingRaisers => Status is ConcernStatus.Addressed or ConcernStatus.WontAddress;
}

/// <summary>What the owners answered a concern: addressed (a condition: met), or won't address (won't be met).</summary>
public enum OwnersAnswer
{
    Addressed,
    WontAddress,
}

/// <summary>What someone can do to a concern; each becomes a button or card action on the platforms.</summary>
public enum ConcernAction
{
    Acknowledge,
    Respond,
    MarkAddressed,
    WontAddress,
    Accept,
    Reopen,
    CloseWithoutRaisers,
}
