using System.Text.Json.Serialization;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Summaries;

namespace DeliberationBot.Core.Concerns;

/// <summary>
/// Shown to the person who flags an answer: exactly what the owners will receive (their words, group, named or
/// anonymous), and a plain warning when an anonymous person's group is small enough for them to be recognised. Also
/// shown, <see cref="ByRule"/>, to an anonymous person of a small group whose answer with words of their own meets the
/// question's concern rule: it reaches the owners as a concern though they flagged nothing.
/// </summary>
public sealed record ConcernPreview(string Words, string Attribution, string QuestionText, bool SmallGroup, int MinGroupSize)
{
    public bool ByRule { get; init; }

    /// <summary>What the owners will receive and when: the daily round-up (<see cref="ConcernRoundup"/>) sends it within a day.</summary>
    public string Lead => ByRule
        ? "This answer meets the question's concern rule, so within a day the proposal's owners will receive it as a concern:"
        : "Flagged as a concern. Within a day, the proposal's owners will receive:";

    public string? Warning => SmallGroup
        ? SmallGroupWarning(MinGroupSize) + " " +
          (ByRule ? "To keep your words out of it, change your answer to leave them out." : "It will still be delivered, with your group.")
        : null;

    /// <summary>Said to an anonymous person whose group has fewer people than <paramref name="minGroupSize"/>.</summary>
    public static string SmallGroupWarning(int minGroupSize) =>
        $"Your stakeholder group has fewer than {minGroupSize} people in this deliberation, so people who know the group may be able to tell who wrote this.";
}

/// <summary>
/// An owner's unresolved concerns, privately, each with what they can do about it. While it waits behind a platform's
/// pace, notices queued after it for the same person and deliberation are taken into it, up to
/// <see cref="MaxGathered"/> concerns: a burst reaches the owner as a few messages, each concern in its own words.
/// </summary>
public sealed record OwnerConcerns(Guid DeliberationId, string Title, IReadOnlyList<ConcernView> Concerns) : OutgoingMessage, IGatheringMessage
{
    /// <summary>
    /// How many concerns one gathered notice takes in: about what a person reads as one message, and a bound on what
    /// every later gathering rewrites.
    /// </summary>
    public const int MaxGathered = 10;

    [JsonIgnore]
    public bool HasRoom => Concerns.Count < MaxGathered;

    /// <summary>How many of its concerns still wait for the reader's response (<see cref="ConcernView.AwaitsResponse"/>).</summary>
    [JsonIgnore]
    public int AwaitingResponse => Concerns.Count(c => c.AwaitsResponse);

    /// <summary>How many of its concerns the reader has yet to answer in words (<see cref="ConcernView.AwaitsWords"/>).</summary>
    [JsonIgnore]
    public int Unanswered => Concerns.Count(c => c.AwaitsWords);

    /// <summary>
    /// What the message holds, as its heading names it: "Concerns", or "Conditions" when all are conditions of the
    /// decision (an owner named on a condition is sent it this way), or "Concerns and conditions".
    /// </summary>
    [JsonIgnore]
    public string Holds => (HasConcerns, HasConditions) switch
    {
        (true, true) => "Concerns and conditions",
        (false, true) => "Conditions",
        _ => "Concerns",
    };

    /// <summary><paramref name="n"/> of what the message holds, in words: "2 concerns", "1 condition", "3 concerns and conditions".</summary>
    public string Counted(int n) => (HasConcerns, HasConditions) switch
    {
        (true, true) => n == 1 ? "1 concern or condition" : $"{n} concerns and conditions",
        (false, true) => GroupWords.Count(n, "condition"),
        _ => GroupWords.Count(n, "concern"),
    };

    /// <summary>Who reads the reader's response: the people who raised a concern, the person who set a condition.</summary>
    [JsonIgnore]
    public string WhoSeesResponse => (HasConcerns, HasConditions) switch
    {
        (true, true) => "The people who raised or set each one will see your response.",
        (false, true) => "The person who set each condition will see your response.",
        _ => "The people who raised each one will see your response.",
    };

    /// <summary>
    /// Said when nothing here waits for the reader's response: nothing to do, or, to the facilitator offered only to
    /// close concerns the owners answer, why they were sent them.
    /// </summary>
    [JsonIgnore]
    public string NothingToAnswer => ClosesOnly
        ? "the owners answer these; as the facilitator, you can close one without waiting for the people who raised it, saying why."
        : "nothing here needs your response now.";

    /// <summary>Whether the reader may only close these without their raisers: the facilitator, who is not an owner.</summary>
    [JsonIgnore]
    public bool ClosesOnly =>
        Concerns.Any(c => c.Actions is [ConcernAction.CloseWithoutRaisers]) && Concerns.All(c => c.Actions is [] or [ConcernAction.CloseWithoutRaisers]);

    private bool HasConditions => Concerns.Any(c => c.Kind == ConcernKind.Condition);

    private bool HasConcerns => Concerns.Any(c => c.Kind != ConcernKind.Condition);

    /// <summary>
    /// The later notice's concerns added after these; a concern already here is replaced by its later state where it
    /// stands, so each appears once, as it is now.
    /// </summary>
    public OutgoingMessage? Gather(OutgoingMessage later)
    {
        if (later is not OwnerConcerns more || more.DeliberationId != DeliberationId)
        {
            return null;
        }

        var newer = new Dictionary<int, ConcernView>();
        foreach (var c in more.Concerns)
        {
            newer[c.Number] = c;
        }

        // The owner has read neither notice: words marked in the waiting one are still new to them, and where it marked
        // nothing (the concern is all new to them) the later state marks nothing either.
        var combined = Concerns.Select(c => newer.TryGetValue(c.Number, out var later)
                ? later with
                {
                    Changes = c.Changes.Count == 0 ? [] : [.. c.Changes.Concat(later.Changes).DistinctBy(v => (v.RaiserKey, v.QuestionId))],
                    Happened = later.Happened ?? c.Happened,
                }
                : c)
            .Concat(more.Concerns.Where(c => Concerns.All(had => had.Number != c.Number)))
            .ToList();
        return combined.Count > Math.Max(MaxGathered, Concerns.Count) ? null : new OwnerConcerns(DeliberationId, more.Title, combined);
    }
}

public enum DecisionOutcome
{
    Go,
    NoGo,
    GoWithConditions,
    RevisitLater,
}

public sealed record Decision(DecisionOutcome Outcome, string Rationale, UserRef DecidedBy, DateTimeOffset At);

/// <summary>
/// Asks the facilitator, privately, for the outcome once a deliberation closes, with the concerns still unresolved in
/// the words of the people who raised them and where each stands: the decision is taken having read them, not only
/// their number.
/// </summary>
public sealed record DecisionRequest(Guid DeliberationId, string Title, int UnresolvedConcerns) : OutgoingMessage
{
    /// <summary>The unresolved concerns, in number order, to be read (no actions); empty in a form drawn again after a mistake.</summary>
    public IReadOnlyList<ConcernView> Unresolved { get; init; } = [];

    /// <summary>What the list of <see cref="Unresolved"/> is headed with on every platform.</summary>
    public const string UnresolvedHeading = "Still unresolved, in the words of the people who raised them:";

    /// <summary>Who will read the decision and its rationale (<see cref="WhoReads(bool)"/>), said beside the box it is written in.</summary>
    public string WhoReadsIt { get; init; } = WhoReads(publicPage: false);

    public static string WhoReads(bool publicPage) => publicPage
        ? "Everyone in the conversation will see the decision and this rationale, and so will the people who answered on the public page."
        : "Everyone in the conversation will see the decision and this rationale.";

    /// <summary>The request for <paramref name="d"/> given its concerns as they stand: the unresolved ones, in number order, to be read.</summary>
    public static DecisionRequest For(Deliberation d, FlowDefinition flow, IEnumerable<Concern> concerns, bool publicPage)
    {
        List<ConcernView> unresolved = [.. concerns.Where(c => c.Kind == ConcernKind.Concern && c.IsUnresolved).OrderBy(c => c.Number).Select(c => ConcernView.Of(c, flow, []))];
        return new DecisionRequest(d.Id, d.Title, unresolved.Count) { Unresolved = unresolved, WhoReadsIt = WhoReads(publicPage) };
    }
}

/// <summary>
/// The decision, posted in the conversation, and sent privately to each person who raised by name a concern still
/// unresolved (<see cref="Yours"/>); <see cref="Previous"/> is the decision it amends, if any.
/// </summary>
public sealed record DecisionRecorded(Guid DeliberationId, string Title, Decision Decision, IReadOnlyList<ConcernView> Conditions) : OutgoingMessage
{
    public Decision? Previous { get; init; }

    /// <summary>
    /// The numbers of the concerns still unresolved when it was decided: the people who raised them, reading the
    /// decision in the conversation, learn that it was taken with their concern open and that the owners still respond.
    /// </summary>
    public IReadOnlyList<int> Unresolved { get; init; } = [];

    /// <summary>"Decided with 2 concerns unresolved (#1, #4); the owners still respond to each.", or null when none was.</summary>
    public string? UnresolvedLine => Unresolved.Count == 0 ? null
        : $"Decided with {Summaries.GroupWords.Count(Unresolved.Count, "concern")} unresolved ({string.Join(", ", Unresolved.Select(n => $"#{n}"))}); " +
          $"the owners still respond to {(Unresolved.Count == 1 ? "it" : "each")}.";

    /// <summary>
    /// Set on the copy sent privately to a person who raised, by name, concerns still unresolved when it was decided:
    /// those concerns, in their words, so that they read that the decision was taken with them open and what becomes of
    /// them now. Empty on the conversation's copy.
    /// </summary>
    public IReadOnlyList<ConcernView> Yours { get; init; } = [];

    /// <summary>
    /// The first line of the private copy, with the title as the platform shows it: "The decision on X was recorded with
    /// the concern you raised, #4, still unresolved."; null on the conversation's copy.
    /// </summary>
    public string? LeadForRaiser(string title) => Yours.Count == 0 ? null
        : $"The decision on {title} was {(Previous is null ? "recorded" : "amended")} with the " +
          (Yours.Count == 1 ? $"concern you raised, #{Yours[0].Number}," : $"concerns you raised, {Summaries.GroupWords.Listed([.. Yours.Select(c => $"#{c.Number}")])},") +
          " still unresolved.";

    /// <summary>Above the reader's concerns on the private copy.</summary>
    [JsonIgnore]
    public string YoursHeading => Yours.Count == 1 ? "Your concern, still unresolved:" : "Your concerns, still unresolved:";

    /// <summary>What becomes of the reader's unresolved concerns now, said under them on the private copy; null on the conversation's.</summary>
    [JsonIgnore]
    public string? NextForRaiser => Yours switch
    {
        [] => null,
        [{ Raisers: 1 }] => "The decision does not settle it: the owners still answer for it, and it stays open until you accept their response.",
        [_] => "The decision does not settle it: the owners still answer for it, and it stays open until you and the others who raised it accept their response.",
        _ => "The decision does not settle them: the owners still answer for each, and each stays open until the people who raised it accept their response.",
    };
}

/// <summary>Signed, expiring links to the deliberation's whole record.</summary>
public sealed record ExportLink(Guid DeliberationId, string Title, Uri Markdown, Uri Json, DateTimeOffset Expires) : OutgoingMessage;

public static class DecisionOutcomes
{
    public static bool TryParse(string text, out DecisionOutcome outcome)
    {
        outcome = text.ToLowerInvariant() switch
        {
            "go" => DecisionOutcome.Go,
            "no-go" or "nogo" or "stop" => DecisionOutcome.NoGo,
            "conditions" or "go-with-conditions" => DecisionOutcome.GoWithConditions,
            "revisit" or "revisit-later" or "later" => DecisionOutcome.RevisitLater,
            _ => (DecisionOutcome)(-1),
        };
        return Enum.IsDefined(outcome);
    }

    /// <summary>"Decision (2026-12-07, Dana): Go with conditions": the decision where it is shown without its message.</summary>
    public static string Headline(this Decision d) =>
        $"Decision ({d.At.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}, {d.DecidedBy.Display}): {d.Outcome.Label()}";

    public static string Label(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Go => "Go",
        DecisionOutcome.NoGo => "No-go",
        DecisionOutcome.GoWithConditions => "Go with conditions",
        _ => "Revisit later",
    };
}
