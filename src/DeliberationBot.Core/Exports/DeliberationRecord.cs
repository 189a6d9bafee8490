using System.Text.Json.Serialization;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Exports;

/// <summary>The whole record of a deliberation, as it may be shown: anonymous answers carry no identity at all.</summary>
public sealed record DeliberationRecord(
    Guid Id,
    string Title,
    string? Description,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    DateOnly? Due,
    string Anonymity,
    string Facilitator,
    IReadOnlyList<string> Owners,
    RecordFlow Flow,
    IReadOnlyList<RecordQuestion> Answers,
    IReadOnlyList<RecordConcern> Concerns,
    RecordDecision? Decision,
    string? Summary)
{
    /// <summary>Decisions recorded before the current one, oldest first: an amendment never erases what was decided.</summary>
    public IReadOnlyList<RecordDecision> EarlierDecisions { get; init; } = [];
}

public sealed record RecordFlow(string Id, string Version, string Title);

public sealed record RecordQuestion(string SectionTitle, string QuestionId, string Question, IReadOnlyList<RecordAnswer> Answers, IReadOnlyList<string> Withheld);

/// <summary><see cref="By"/> is a name for named answers, and only the group for anonymous ones.</summary>
public sealed record RecordAnswer(string Group, string By, string Answer, bool FlaggedConcern)
{
    /// <summary>Given anonymously: <see cref="By"/> carries no name. Not exported: <see cref="By"/> already says so.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Anonymous { get; init; }
}

public sealed record RecordConcern(int Number, string Kind, string Text, string? Section, IReadOnlyList<string> RaisedBy, int Raisers, string Status, string? Response, string? Owner, DateOnly? Due, IReadOnlyList<RecordEvent> History)
{
    /// <summary>The question the words answer, as context.</summary>
    public string? Question { get; init; }

    /// <summary>Each person's words, as written, with their group (and name only when they answered by name).</summary>
    public IReadOnlyList<RecordVoice> Voices { get; init; } = [];

    /// <summary>The concern this one was merged into.</summary>
    public int? MergedInto { get; init; }

    /// <summary>The owners' last answer, "Addressed" or "WontAddress" (<see cref="Concern.OwnersAnswer"/>): once <see cref="Status"/> is "Resolved", what was accepted.</summary>
    public string? OwnersAnswer { get; init; }

    /// <summary>What accepting the owners' answer settled, where "Resolved" alone does not say it (<see cref="ConcernKinds.AcceptedAs"/>): "is met", "won't be addressed"; else null.</summary>
    [JsonIgnore]
    public string? Settled => Status == nameof(ConcernStatus.Resolved) && Enum.TryParse<OwnersAnswer>(OwnersAnswer, out var answer)
        ? Enum.Parse<ConcernKind>(Kind).AcceptedAs(answer)
        : null;

    /// <summary>
    /// The concern's own text where none of its voices says it, to be shown above them: the rule a question's answers
    /// met, or the words of a concern nobody's voice carries. A flagged answer's concern is its words, as its voice kept
    /// them before they were read apart from the option chosen (<see cref="VoiceReading"/>): null.
    /// </summary>
    [JsonIgnore]
    public string? Lead { get; init; }

    /// <summary>Who wrote <see cref="Response"/> (<see cref="Concern.RespondedBy"/>), by name: owners answer by name.</summary>
    public string? RespondedBy { get; init; }

    /// <summary>What <see cref="Response"/> is called where it is shown (<see cref="ConcernView.ResponseLabel"/>).</summary>
    [JsonIgnore]
    public string ResponseLabel => ConcernView.ResponseLabelOf(Enum.Parse<ConcernStatus>(Status), Response, RespondedBy);

    /// <summary>The words that raised it, which <see cref="Question"/> is shown after.</summary>
    [JsonIgnore]
    public IEnumerable<RecordVoice> Raising => Voices.Where(v => !v.Reopening);

    /// <summary>Words given on reopening it: they answer the owners' response, not the question, so they follow it.</summary>
    [JsonIgnore]
    public IEnumerable<RecordVoice> OnReopening => Voices.Where(v => v.Reopening);

    /// <summary>
    /// The words to show beside a step of the history: those it gave, except the latest response's, which the concern
    /// carries as <see cref="Response"/> and which is shown above the history.
    /// </summary>
    public string? WordsAt(RecordEvent step) =>
        step.Words is { } words && (words != Response || !ReferenceEquals(step, History.LastOrDefault(e => e.Words is not null))) ? words : null;
}

public sealed record RecordVoice(string Words, string By)
{
    /// <summary>Given on reopening the concern, in answer to the owners' response.</summary>
    public bool Reopening { get; init; }

    /// <summary>The question these words answered when it is not the concern's own: they were merged in from a concern about it.</summary>
    public string? Answering { get; init; }
}

public sealed record RecordEvent(DateTimeOffset At, string What, string Who)
{
    /// <summary>
    /// What the owners or the facilitator wrote at this step (a response, or why it was closed), as written: a concern
    /// keeps only its latest response, so earlier ones live here. The raisers' words on reopening are among its voices.
    /// </summary>
    public string? Words { get; init; }
}

public sealed record RecordDecision(string Outcome, string Rationale, string DecidedBy, DateTimeOffset At);

public static class DeliberationRecords
{
    /// <summary>
    /// Builds the record. A group's anonymous answers appear only once <paramref name="minGroupSize"/> people of that
    /// group answered anonymously (skips do not count), as in the summary (<see cref="Summaries.SummaryAnswerSet"/>);
    /// below that the record says how many were withheld and why. Without
    /// <paramref name="nameParticipants"/> (a participant's page) other participants appear by group only.
    /// </summary>
    public static DeliberationRecord Build(
        Deliberation d, FlowDefinition flow, IReadOnlyList<Participant> participants, IReadOnlyList<Answer> answers,
        IReadOnlyList<Concern> concerns, IReadOnlyList<DeliberationEvent> events, int minGroupSize, string? summary, bool nameParticipants = true)
    {
        var byKey = participants.ToDictionary(p => p.Key);
        var anonymousPerGroup = Summaries.SummaryAnswerSet.AnsweredAnonymously(
            from a in answers where byKey.ContainsKey(a.ParticipantKey) let p = byKey[a.ParticipantKey] select (p.Group, p.Key, p.Anonymous, a.Value.Skipped));
        bool Shown(Participant p) => !p.Anonymous || anonymousPerGroup.GetValueOrDefault(p.Group) >= minGroupSize;

        var byQuestion = answers.Where(a => !a.Value.Skipped && byKey.ContainsKey(a.ParticipantKey)).ToLookup(a => a.QuestionId, StringComparer.Ordinal);
        var byConcern = EventsByConcern(events);
        var questions = flow.Questions
            .Select(q =>
            {
                var given = byQuestion[q.Id].ToList();
                var shown = given.Where(a => Shown(byKey[a.ParticipantKey]))
                    .Select(a => new RecordAnswer(a.Group.Label(), Who(byKey[a.ParticipantKey]), AnswerParser.Describe(q, a.Value), a.FlaggedConcern) { Anonymous = byKey[a.ParticipantKey].Anonymous })
                    .ToList();
                var withheld = given.Where(a => !Shown(byKey[a.ParticipantKey])).GroupBy(a => a.Group)
                    .Select(g => $"{Summaries.GroupWords.Count(g.Count(), "anonymous answer")} from {g.Key.Label()} withheld: fewer than {minGroupSize} people of that group answered anonymously.")
                    .ToList();
                return new RecordQuestion(flow.SectionOf(q).Title, q.Id, q.TextWithScale, shown, withheld);
            })
            .Where(q => q.Answers.Count > 0 || q.Withheld.Count > 0)
            .ToList();

        var recordConcerns = concerns.OrderBy(c => c.Number).Select(c => new RecordConcern(
            c.Number, c.Kind.ToString(), c.Text, ConcernView.Of(c, flow, []).SectionTitle, [.. c.RaisedByGroups.Select(g => g.Label())], c.Raisers.Count,
            c.Status.ToString(), c.Response, c.Owner?.Display, c.Due,
            [.. byConcern[c.Number].Select(e => new RecordEvent(e.At, e.Type, Actor(e.Actor, byKey, d, nameParticipants)) { Words = ResponseIn(e) })])
        {
            Question = c.QuestionId is null ? null : flow.FindQuestion(c.QuestionId)?.TextWithScale,
            Lead = c.Voices.Any(v => v.Text == c.Text) ? null : c.Text,
            Voices = [.. c.Voices.Select(v => VoiceReading.Of(v, flow)).Select(v => new RecordVoice(v.Text, ConcernView.Attribution(v)) { Reopening = v.Reopening, Answering = ConcernView.OtherQuestionOf(c, v, flow)?.TextWithScale })],
            MergedInto = c.MergedInto,
            OwnersAnswer = c.OwnersAnswer?.ToString(),
            RespondedBy = c.RespondedBy?.Display,
        }).ToList();
        var decisions = DecisionService.History(events);

        return new DeliberationRecord(
            d.Id, d.Title, d.Description, d.Status.ToString(), d.CreatedAt, d.ClosedAt, d.Due, d.Anonymity.ToString(), d.Facilitator.Display,
            [.. d.Owners.Select(o => o.Display)], new RecordFlow(flow.Id, flow.Version, flow.Title), questions, recordConcerns,
            d.Decision is { } decision ? Of(decision) : null,
            summary)
        {
            // The history ends with the current decision; everything before it was amended.
            EarlierDecisions = [.. decisions.SkipLast(1).Select(Of)],
        };
    }

    private static RecordDecision Of(Decision decision) => new(decision.Outcome.Label(), decision.Rationale, decision.DecidedBy.Display, decision.At);

    private static string Who(Participant p) => p.Anonymous ? $"anonymous ({p.Group.Label()})" : p.DisplayName ?? p.UserId ?? "participant";

    /// <summary>Each concern's events by its number, in the order given: one pass over the history, not one per concern.</summary>
    internal static ILookup<int, DeliberationEvent> EventsByConcern(IEnumerable<DeliberationEvent> events) =>
        events.Select(e => (Number: ConcernNumberOf(e), Event: e)).Where(x => x.Number is not null).ToLookup(x => x.Number!.Value, x => x.Event);

    /// <summary>The concern a concern or condition event is about: its data starts "#3", then ends or goes on with " " or ":".</summary>
    private static int? ConcernNumberOf(DeliberationEvent e)
    {
        if (!(e.Type.StartsWith("concern.", StringComparison.Ordinal) || e.Type.StartsWith("condition.", StringComparison.Ordinal))
            || e.Data is not ['#', >= '0' and <= '9', ..] data)
        {
            return null;
        }

        var end = 1;
        while (end < data.Length && char.IsAsciiDigit(data[end]))
        {
            end++;
        }

        var digits = data.AsSpan(1, end - 1);
        var followed = end == data.Length || data[end] is ' ' or ':';
        return followed && (digits.Length == 1 || digits[0] != '0') && int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    private static readonly string[] Responses =
        [.. new[] { ConcernAction.Respond, ConcernAction.MarkAddressed, ConcernAction.WontAddress, ConcernAction.CloseWithoutRaisers }.Select(ConcernLifecycle.EventType)];

    /// <summary>The words of a response or a closing, which follow the concern's number: "#3: We cut it to two fields."</summary>
    private static string? ResponseIn(DeliberationEvent e)
    {
        if (!Responses.Contains(e.Type) || e.Data is not { } data)
        {
            return null;
        }

        var colon = data.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? null : data[(colon + 2)..];
    }

    /// <summary>An anonymous actor is only ever "an anonymous participant".</summary>
    private static string Actor(string? key, IReadOnlyDictionary<string, Participant> participants, Deliberation d, bool nameParticipants)
    {
        if (key is null)
        {
            return "DeliberationBot";
        }

        if (participants.TryGetValue(key, out var p) && (nameParticipants || !d.MayClose(new UserRef(p.UserId ?? ""))))
        {
            return nameParticipants || p.Anonymous ? Who(p) : $"a participant ({p.Group.Label()})";
        }

        if (!key.StartsWith("user:", StringComparison.Ordinal))
        {
            return "an anonymous participant";
        }

        var id = key["user:".Length..];
        return d.Owners.Concat([d.Facilitator]).FirstOrDefault(u => u.Id == id)?.Display ?? id;
    }
}
