using System.Text.Json.Serialization;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Concerns;

/// <summary>
/// A concern as people see it: each person's words with their group (and name, only if they answered by name), the
/// question it came from as context, where it stands and what the reader can do about it.
/// </summary>
public sealed record ConcernView(
    Guid Id,
    int Number,
    ConcernKind Kind,
    string? SectionTitle,
    string Text,
    IReadOnlyList<StakeholderGroup> RaisedBy,
    int Raisers,
    ConcernStatus Status,
    string? Response,
    UserRef? Owner,
    DateOnly? Due,
    IReadOnlyList<ConcernAction> Actions)
{
    /// <summary>The question the words answer, when they came from an answer.</summary>
    public string? QuestionText { get; init; }

    public IReadOnlyList<ConcernVoice> Voices { get; init; } = [];

    /// <summary>
    /// What the owners' response is called where it is shown, with who wrote it ("Response from Maria"): once reopened,
    /// the one that did not settle it (<see cref="ConcernLifecycle.IsReopened(ConcernStatus, string?)"/>). The name is
    /// as the platform gave it; a renderer escapes the label as it escapes the response.
    /// </summary>
    public string ResponseLabel => ResponseLabelOf(Status, Response, RespondedBy);

    /// <inheritdoc cref="Concern.RespondedBy"/>
    public string? RespondedBy { get; init; }

    /// <inheritdoc cref="ResponseLabel"/>
    public static string ResponseLabelOf(ConcernStatus status, string? response, string? respondedBy = null) =>
        (respondedBy is null ? "Response" : $"Response from {respondedBy}") +
        (ConcernLifecycle.IsReopened(status, response) ? ", before it was reopened" : "");

    /// <summary>The words that raised it, which the question (<see cref="QuestionText"/>) is shown after.</summary>
    public IEnumerable<ConcernVoice> Raising => Voices.Where(v => !v.Reopening);

    /// <summary>Words given on reopening it: they answer the owners' response, not the question, so they follow it.</summary>
    public IEnumerable<ConcernVoice> OnReopening => Voices.Where(v => v.Reopening);

    public ConcernOrigin Origin { get; init; }

    public int? MergedInto { get; init; }

    /// <inheritdoc cref="Concern.OwnersAnswer"/>
    public OwnersAnswer? OwnersAnswer { get; init; }

    /// <summary>Where it stands, in words: "open", "met", "resolved (won't be addressed)"…</summary>
    [JsonIgnore]
    public string StatusWords => ConcernService.Describe(Status, Kind, OwnersAnswer, Raisers);

    /// <summary>How many of the people who raised it accepted the owners' response.</summary>
    public int Accepted { get; init; }

    /// <summary>
    /// Whether the reader, as an owner, still owes the people who raised it an answer: it is open or acknowledged and
    /// they may mark it addressed. One waiting on the raisers, or offered to the facilitator only to close, does not.
    /// </summary>
    [JsonIgnore]
    public bool AwaitsResponse => Status is ConcernStatus.Open or ConcernStatus.Acknowledged && Actions.Contains(ConcernAction.MarkAddressed);

    /// <summary>
    /// Whether the reader, as an owner, has yet to answer it in words: it awaits their response (<see cref="AwaitsResponse"/>)
    /// and has none, or was reopened since the last. One they responded to waits only to be marked addressed.
    /// </summary>
    [JsonIgnore]
    public bool AwaitsWords => AwaitsResponse && (Status == ConcernStatus.Open || Response is null);

    /// <inheritdoc cref="ConcernKinds.ReadBy"/>
    [JsonIgnore]
    public string ReadBy => Kind.ReadBy();

    /// <summary>"Concern #3", or "Condition #3": how a person refers to it.</summary>
    [JsonIgnore]
    public string Name => Kind.Named(Number);

    /// <summary>In the owners' notice that a person who raised it accepted the response or reopened it: what they did.</summary>
    public string? Happened { get; init; }

    /// <summary>The lines to show above the voices: what just happened to the concern, and what is new since the reader last had it.</summary>
    [JsonIgnore]
    public IEnumerable<string> Notes => new[] { Happened, ChangesLine }.OfType<string>();

    /// <summary>In an owner's notice of a concern sent to them before: the voices added or edited since (<see cref="Concern.VoiceChanges"/>).</summary>
    public IReadOnlyList<VoiceChange> Changes { get; init; } = [];

    /// <summary>A concern as its owners (and the facilitator) are sent it: with what is new to them since they were sent it before.</summary>
    public static ConcernView ForOwners(Concern c, FlowDefinition flow, IReadOnlyList<ConcernAction> actions) =>
        Of(c, flow, actions) with { Changes = c.VoiceChanges };

    /// <summary>
    /// A concern as anyone in the conversation may read it, as the page shows it to participants: every person's words,
    /// with their group but without the name of anyone who answered by name, which is for the owners and the facilitator.
    /// The notices posted in the conversation for the people who raised it anonymously, and the list of concerns for
    /// anyone else, show it so.
    /// </summary>
    public static ConcernView InConversation(Concern c, FlowDefinition flow, IReadOnlyList<ConcernAction> actions)
    {
        var view = Of(c, flow, actions);
        return view with { Voices = [.. view.Voices.Select(v => v.Name is null || v.Suggested ? v : v with { Name = null, NameWithheld = true })] };
    }

    public static ConcernView Of(Concern c, FlowDefinition flow, IReadOnlyList<ConcernAction> actions) =>
        new(c.Id, c.Number, c.Kind, c.SectionId is null ? null : flow.Sections.FirstOrDefault(s => s.Id == c.SectionId)?.Title, c.Text,
            c.RaisedByGroups, c.Raisers.Count, c.Status, c.Response, c.Owner, c.Due, actions)
        {
            QuestionText = c.QuestionId is null ? null : flow.FindQuestion(c.QuestionId)?.TextWithScale,
            Voices = [.. c.Voices.Select(v => VoiceReading.Of(v, flow))],
            Origin = c.Origin,
            MergedInto = c.MergedInto,
            Accepted = c.AcceptedBy.Count,
            OwnersAnswer = c.OwnersAnswer,
            RespondedBy = c.RespondedBy?.Display,
            OtherQuestions = OtherQuestionsOf(c, flow),
        };

    /// <summary>
    /// Where the words of people merged in from another question came from, by question id: "On: question (section)".
    /// Empty when every voice answered the concern's own question, as almost always.
    /// </summary>
    public IReadOnlyDictionary<string, string> OtherQuestions { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the concern's words came from: "On: question (section)".</summary>
    [JsonIgnore]
    public string? Context => ContextOf(QuestionText, SectionTitle);

    /// <summary>
    /// The words that raised it, each run of them followed by where they came from: the concern's own question, or, for
    /// words merged in from a concern about another question, that question, so that nobody reads them as an answer
    /// to a question they were not answering.
    /// </summary>
    [JsonIgnore]
    public IEnumerable<(IReadOnlyList<ConcernVoice> Voices, string? Context)> RaisingInContext
    {
        get
        {
            var runs = VoiceRuns.Of(Raising, v => v.QuestionId is { } id && OtherQuestions.TryGetValue(id, out var other) ? other : Context);
            return runs.Count == 0 && Context is not null ? [([], Context)] : runs;
        }
    }

    /// <summary>
    /// The question <paramref name="v"/> answered when it is not the concern's own (words merged in from a concern about
    /// another question); null for the concern's own question, words given on reopening, and a question the flow lacks.
    /// </summary>
    public static Question? OtherQuestionOf(Concern c, ConcernVoice v, FlowDefinition flow) =>
        v.Reopening || v.QuestionId is not { } id || id == c.QuestionId ? null : flow.FindQuestion(id);

    private static string? ContextOf(string? question, string? section) => (question, section) switch
    {
        ({ } q, { } s) => $"On: {q} ({s})",
        ({ } q, null) => $"On: {q}",
        (null, { } s) => $"Section: {s}",
        _ => null,
    };

    private static Dictionary<string, string> OtherQuestionsOf(Concern c, FlowDefinition flow)
    {
        var others = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in c.Voices.Select(v => OtherQuestionOf(c, v, flow)).OfType<Question>())
        {
            others.TryAdd(question.Id, ContextOf(question.TextWithScale, flow.SectionOf(question).Title)!);
        }

        return others;
    }

    /// <summary>
    /// A line to show above the voices: a flow rule's wording, or the text of a concern with no voices; null when the
    /// voices say it all (a flagged answer's concern is its words).
    /// </summary>
    public string? Heading => Origin == ConcernOrigin.FlowRule || Voices.Count == 0 ? Text : null;

    /// <summary>How a voice is marked in a notice sent again: "new", "edited", or null for words the reader was sent before.</summary>
    public string? ChangeOf(ConcernVoice v) => Changes.FirstOrDefault(v.Is) switch
    {
        null => null,
        { Edited: true } => "edited",
        _ => "new",
    };

    /// <summary>
    /// Above the voices of a concern sent again, so the reader can find what they have not read among everyone's words:
    /// "Since you were last sent this concern, 2 people added their words (marked new)." Null when nothing is marked.
    /// </summary>
    [JsonIgnore]
    public string? ChangesLine
    {
        get
        {
            // An answer to a follow-up adds to words its person gave before (or with it: then it is part of theirs).
            var followUps = Changes.Where(c => !c.Edited && Voices.Any(v => v.Is(c) && v.FollowUpOf is not null)).ToList();
            var added = Changes.Count(c => !c.Edited) - followUps.Count;
            var more = followUps.Select(c => c.RaiserKey).Distinct().Count(r => !Changes.Any(c => !c.Edited && c.RaiserKey == r && !followUps.Contains(c)));
            // Words kept as given, with what became of the answer since (ConcernVoice.Since): the answer changed, not the words.
            var answers = Changes.Count(c => c.Edited && c.Answer);
            var edited = Changes.Count - added - followUps.Count - answers;
            var parts = new List<string>();
            if (added > 0)
            {
                parts.Add($"{People(added)} added their words");
            }

            if (more > 0)
            {
                parts.Add($"{People(more)} added to {(added > 0 ? "theirs" : "their words")}");
            }

            if (edited > 0)
            {
                parts.Add($"{People(edited)} changed {(added + more > 0 ? "theirs" : "their words")}");
            }

            if (answers > 0)
            {
                parts.Add($"{People(answers)} changed {(answers == 1 ? "their answer" : "their answers")}");
            }

            var marks = (added + more > 0, edited + answers > 0) switch
            {
                (true, true) => "marked new and edited",
                (true, false) => "marked new",
                _ => "marked edited",
            };
            return parts.Count == 0 ? null : $"Since you were last sent this concern, {Summaries.GroupWords.Listed(parts)} ({marks}).";

            static string People(int n) => n == 1 ? "1 person" : $"{n} people";
        }
    }

    /// <summary>Who gave words that carry no stakeholder group (a concern typed as a command), where their name is not shown.</summary>
    public const string WithoutGroup = "the facilitator or an owner";

    /// <summary>How the AI summary's words for a concern it suggested are attributed, before who confirmed it.</summary>
    public const string SuggestedBy = "suggested by the AI summary, confirmed by ";

    /// <summary>
    /// What follows the attribution of an answer a suggested concern cites, of words given on reopening, or of words
    /// whose answer the person has since changed (<see cref="ConcernVoice.Since"/>).
    /// </summary>
    public static string Note(ConcernVoice v) =>
        v.Reopening ? ", on reopening it" : v.Cited ? ", an answer the summary cited" : v.Since is { } since ? ", " + since.Clause : "";

    /// <summary>
    /// "Frontline worker (Maria Lopez)", "Frontline worker (anonymous)", "the facilitator", or for the AI summary's words
    /// of a concern it suggested, "suggested by the AI summary, confirmed by Dana".
    /// </summary>
    public static string Attribution(ConcernVoice v) => v.Suggested
        ? SuggestedBy + (v.Name ?? "the facilitator")
        : (v.Group, v.Name) switch
        {
            ({ } g, null) when v.NameWithheld => g.Label(),
            (null, null) when v.NameWithheld => WithoutGroup,
            ({ } g, { } name) => $"{g.Label()} ({name})",
            ({ } g, null) => $"{g.Label()} (anonymous)",
            (null, { } name) => name,
            _ => "a participant",
        } + Answering(v) + Note(v);

    /// <summary>", who answered 1": what the person chose, when their words are quoted apart from it (<see cref="VoiceReading"/>).</summary>
    public static string Answering(ConcernVoice v) => v.Answered is { } answered ? $", who answered {answered}" : "";
}
