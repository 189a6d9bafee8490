using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Digests;

/// <summary>
/// A concern in a digest: the first <see cref="DigestComposer.WordsShown"/> characters of each person's words
/// (<see cref="Shortened"/> says when there is more, to be read with <c>concerns</c>), the groups of the people who raised
/// it, and where it stands (<see cref="Standing"/>).
/// </summary>
public sealed record DigestConcern(Guid Id, string Proposal, int Number, string Text, IReadOnlyList<StakeholderGroup> RaisedBy, int AgeDays, ConcernStatus Status)
{
    /// <summary>The deliberation it was raised in, whose conversation decides who may read it.</summary>
    public Guid DeliberationId { get; init; }

    public bool Shortened { get; init; }

    /// <summary>
    /// The question the words answer, to be read before them where they say nothing without it (a rule's answers, an
    /// option chosen); it is the flow's wording, not anyone's words, so it is never quoted with them.
    /// </summary>
    public string? Question { get; init; }

    /// <summary>
    /// Each person's words when the concern holds more than <see cref="Text"/> (several people's answers met a rule, or
    /// concerns were merged): the same words once, with how many gave them. Null when <see cref="Text"/> is all of them.
    /// </summary>
    public IReadOnlyList<DigestWords>? Words { get; init; }

    /// <summary>The owners' response and what the people who raised it said on reopening it; null in a digest composed before they were kept.</summary>
    public DigestStanding? Standing { get; init; }

    /// <summary>
    /// Where it comes from when that is not the groups of <see cref="RaisedBy"/>: "a condition of the decision, owner
    /// Maria, due 2027-01-15", or "the facilitator" or "an owner" who recorded it in their words. Null when the groups
    /// say it, and in a digest composed before it was kept.
    /// </summary>
    public string? From { get; init; }

    /// <summary>A condition of the decision, which its owner meets, rather than a concern someone raised.</summary>
    public bool IsCondition { get; init; }

    /// <summary>Who raised it as a leader reads it ("Frontline worker, Legal &amp; policy", "the facilitator"), or whose condition it is.</summary>
    public string RaisedByText(Func<string, string> escape) =>
        From is { } from ? escape(from) : RaisedBy.Count == 0 ? "the facilitator" : string.Join(", ", RaisedBy.Select(g => escape(g.Label())));

    /// <summary>How old it is, as a leader reads it: "raised today", "1 day old", "9 days old".</summary>
    public string Age => AgeDays <= 0 ? (IsCondition ? "set today" : "raised today") : $"{Summaries.GroupWords.Count(AgeDays, "day")} old";

    /// <summary>The words in quotation marks, after their question when they need it; <paramref name="escape"/> makes each part safe for the surface.</summary>
    public string Quoted(Func<string, string> escape, char open = '\u201C', char close = '\u201D') =>
        (Question is { } question ? escape(question) + " " : "") +
        string.Join(" · ", (Words ?? [new DigestWords(Text, 1)]).Select(w =>
            (w.Question is { } other ? escape(other) + " " : "") + (w.Suggested ? Concerns.ConcernView.SuggestedBy + "the facilitator: " : "") +
            open + escape(w.Text) + close + After(w, escape)));

    /// <summary>" (×2, answered No, since changed to “Yes”)": how many gave the words, what they chose, what became of it.</summary>
    private static string After(DigestWords w, Func<string, string> escape)
    {
        string?[] notes = [w.Count > 1 ? $"×{w.Count}" : null, w.Answered is { } answered ? "answered " + escape(answered) : null, w.Since is { } since ? escape(since) : null];
        return notes.Any(n => n is not null) ? $" ({string.Join(", ", notes.OfType<string>())})" : "";
    }

    /// <summary>
    /// Where the concern stands, as lines to show under its words: the owners' response in their words, and why the
    /// people who raised it reopened it in theirs. A leader reads a concern the owners declined, or one whose response
    /// did not settle it, as it is, not as one more open line.
    /// </summary>
    public IReadOnlyList<string> StandingLines(Func<string, string> escape, char open = '\u201C', char close = '\u201D')
    {
        if (Standing is not { } s)
        {
            return [];
        }

        string Q(string text) => open + escape(text) + close;
        var response = s.Response is { } r ? Q(r) : null;
        // A condition is its owner's to meet, and the facilitator's, who set it, to accept as met or not.
        var raisers = IsCondition ? "the person who set it" : s.Raisers == 1 ? "the person who raised it" : "the people who raised it";
        var owners = IsCondition ? "its owner" : "the owners";
        // Who answered, by name where it is known: a leader reads who on the team said it.
        var by = s.RespondedBy is { } name ? escape(name) : null;
        var itsOwner = by is null ? "Its owner" : by + ", its owner,";
        var waiting = $"Waiting for {raisers} to accept" + (s.Accepted > 0 && s.Raisers > 1 ? $" ({s.Accepted} of {s.Raisers} have)." : ".");
        var reopening = s.Reopening.Count == 0 ? null : string.Join(" · ", s.Reopening.Select(Q));
        var lines = new List<string>();
        if (ConcernLifecycle.IsReopened(Status, s.Response))
        {
            var reopener = s.Raisers == 1 ? raisers : s.Reopening.Count == 1 ? "one of the people who raised it" : "people who raised it";
            lines.Add(reopening is null ? $"Reopened by {reopener}." : $"Reopened by {reopener}: {reopening}");
            lines.Add($"{ConcernView.ResponseLabelOf(Status, s.Response, by)}: {response}");
            return lines;
        }

        lines.Add((Status, response) switch
        {
            (ConcernStatus.Open, _) => $"No response from {owners} yet.",
            (ConcernStatus.Acknowledged, null) => $"{Summaries.GroupWords.Capitalised(owners)} acknowledged it; no response yet.",
            (ConcernStatus.Acknowledged, _) => $"{by ?? Summaries.GroupWords.Capitalised(owners)} responded: {response}",
            (ConcernStatus.Addressed, _) when IsCondition => $"{itsOwner} says it is met: {response ?? "(no words)"} {waiting}",
            (ConcernStatus.WontAddress, _) when IsCondition => $"{itsOwner} says it won't be met: {response ?? "(no reason given)"} {waiting}",
            (ConcernStatus.Addressed, _) => $"{(by is null ? "The owners say" : by + " says")} it is addressed: {response ?? "(no words)"} {waiting}",
            (ConcernStatus.WontAddress, _) => $"{(by is null ? "The owners will not address it" : by + " says the owners won't address it")}: {response ?? "(no reason given)"} {waiting}",
            (ConcernStatus.Resolved, _) => $"{Summaries.GroupWords.Capitalised(raisers)} accepted {(Kind.AcceptedAs(s.Answered) is { } accepted ? "that it " + accepted : "the response")}{(response is null ? "." : ": " + response)}",
            (ConcernStatus.ClosedByFacilitator, _) => $"Closed by the facilitator without {raisers} accepting{(response is null ? "." : ": " + response)}",
            _ => StatusWords,
        });
        if (reopening is not null)
        {
            lines.Add($"Earlier, on reopening it: {reopening}");
        }

        return lines;
    }

    /// <summary>Where it stands, in words: "resolved", "met", "resolved (won't be addressed)"…</summary>
    public string StatusWords => ConcernService.Describe(Status, Kind, Standing?.Answered, Standing?.Raisers ?? 2);

    private ConcernKind Kind => IsCondition ? ConcernKind.Condition : ConcernKind.Concern;
}

/// <summary>Words as a digest shows them: shortened to <see cref="DigestComposer.WordsShown"/> characters, and how many people gave them.</summary>
public sealed record DigestWords(string Text, int Count)
{
    /// <summary>The question these words answered when it is not the concern's own: they were merged in from a concern about it.</summary>
    public string? Question { get; init; }

    /// <summary>The AI summary's words for a concern it suggested (<see cref="Concerns.ConcernVoice.Suggested"/>): nobody's answer, and said so.</summary>
    public bool Suggested { get; init; }

    /// <summary>What the people who gave these words did with their answer since (<see cref="Concerns.AnswerSince.Brief"/>): "since changed to “Yes”".</summary>
    public string? Since { get; init; }

    /// <summary>The option they chose or the number they gave, when these are the words they gave with it (<see cref="Concerns.VoiceReading"/>).</summary>
    public string? Answered { get; init; }
}

/// <summary>
/// The owners' response (shortened like the words) and the words the people who raised the concern gave on reopening it,
/// with how many of them have accepted the response so far.
/// </summary>
public sealed record DigestStanding(string? Response, IReadOnlyList<string> Reopening, int Accepted, int Raisers)
{
    /// <inheritdoc cref="Concerns.Concern.OwnersAnswer"/>
    public OwnersAnswer? Answered { get; init; }

    /// <inheritdoc cref="Concerns.Concern.RespondedBy"/>
    public string? RespondedBy { get; init; }
}
