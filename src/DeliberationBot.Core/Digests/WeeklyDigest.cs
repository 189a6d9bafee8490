using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Digests;

/// <summary>
/// A concern in a digest: the first <see cref="DigestComposer.WordsShown"/> characters of each person's words
/// (<see cref="Shortened"/> says when there is more, to be read with <c>concerns</c>), the groups of the people who raised
/// it, and where it stands (<see cref="Standing"/>).
/// </summary>
public sealed record DigestConcern(Guid Id, string Proposal, int Number, string Text, IReadOnlyList<StakeholderGroup> RaisedBy, int AgeDays, ConcernStatus Status)
{
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

    /// <summary>The words in quotation marks, after their question when they need it; <paramref name="escape"/> makes each part safe for the surface.</summary>
    public string Quoted(Func<string, string> escape, char open = '\u201C', char close = '\u201D') =>
        (Question is { } question ? escape(question) + " " : "") +
        string.Join(" · ", (Words ?? [new DigestWords(Text, 1)]).Select(w =>
            (w.Question is { } other ? escape(other) + " " : "") + open + escape(w.Text) + close + (w.Count > 1 ? $" (×{w.Count})" : "")));

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
        var raisers = s.Raisers == 1 ? "the person who raised it" : "the people who raised it";
        var waiting = $"Waiting for {raisers} to accept" + (s.Accepted > 0 && s.Raisers > 1 ? $" ({s.Accepted} of {s.Raisers} have)." : ".");
        var reopening = s.Reopening.Count == 0 ? null : string.Join(" · ", s.Reopening.Select(Q));
        var reopened = Status == ConcernStatus.Open && response is not null;
        var lines = new List<string>();
        if (reopened)
        {
            var by = s.Raisers == 1 ? raisers : s.Reopening.Count == 1 ? "one of the people who raised it" : "people who raised it";
            lines.Add(reopening is null ? $"Reopened by {by}." : $"Reopened by {by}: {reopening}");
            lines.Add($"{ConcernView.ResponseLabelOf(Status, s.Response)}: {response}");
            return lines;
        }

        lines.Add((Status, response) switch
        {
            (ConcernStatus.Open, _) => "No response from the owners yet.",
            (ConcernStatus.Acknowledged, null) => "The owners acknowledged it; no response yet.",
            (ConcernStatus.Acknowledged, _) => $"The owners responded: {response}",
            (ConcernStatus.Addressed, _) => $"The owners say it is addressed: {response ?? "(no words)"} {waiting}",
            (ConcernStatus.WontAddress, _) => $"The owners will not address it: {response ?? "(no reason given)"} {waiting}",
            (ConcernStatus.Resolved, null) => $"{Capitalised(raisers)} accepted the response.",
            (ConcernStatus.Resolved, _) => $"{Capitalised(raisers)} accepted the response: {response}",
            (ConcernStatus.ClosedByFacilitator, _) => $"Closed by the facilitator without {raisers} accepting{(response is null ? "." : ": " + response)}",
            _ => ConcernService.Describe(Status),
        });
        if (reopening is not null)
        {
            lines.Add($"Earlier, on reopening it: {reopening}");
        }

        return lines;

        static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
    }
}

/// <summary>Words as a digest shows them: shortened to <see cref="DigestComposer.WordsShown"/> characters, and how many people gave them.</summary>
public sealed record DigestWords(string Text, int Count)
{
    /// <summary>The question these words answered when it is not the concern's own: they were merged in from a concern about it.</summary>
    public string? Question { get; init; }
}

/// <summary>
/// The owners' response (shortened like the words) and the words the people who raised the concern gave on reopening it,
/// with how many of them have accepted the response so far.
/// </summary>
public sealed record DigestStanding(string? Response, IReadOnlyList<string> Reopening, int Accepted, int Raisers);

public sealed record DigestProposal(Guid Id, string Title, DeliberationStatus Status, DateOnly? Due, IReadOnlyList<DigestConcern> OpenConcerns, IReadOnlyList<StakeholderGroup> MissingVoices)
{
    /// <summary>Closed, and the facilitator has not recorded the decision yet.</summary>
    public bool AwaitingDecision { get; init; }

    /// <summary>The reader's own link to the deliberation's page.</summary>
    public Uri? Report { get; init; }
}

public sealed record DigestDue(string Proposal, string What, DateOnly Due, int DaysLeft);

/// <summary>
/// A leader's week: open concerns by proposal (oldest first), what is new and what was resolved since the last
/// digest, concerns the owners have not answered for too long, what falls due, and whose voices are missing.
/// </summary>
public sealed record WeeklyDigest(
    string Week,
    bool Late,
    DateTimeOffset? WasDueAt,
    string TimeZone,
    IReadOnlyList<DigestProposal> Proposals,
    IReadOnlyList<DigestConcern> NewSinceLast,
    IReadOnlyList<DigestConcern> ResolvedSinceLast,
    IReadOnlyList<DigestConcern> Stale,
    IReadOnlyList<DigestDue> ComingDue,
    int StaleAfterDays) : OutgoingMessage
{
    /// <summary>Whether any concern the digest shows with its words was shortened to fit.</summary>
    public bool AnyShortened =>
        Proposals.Any(p => p.OpenConcerns.Any(c => c.Shortened)) || Stale.Concat(NewSinceLast).Concat(ResolvedSinceLast).Any(c => c.Shortened);

    public bool IsEmpty => Proposals.Count == 0 && NewSinceLast.Count == 0 && ResolvedSinceLast.Count == 0 && ComingDue.Count == 0;
}

/// <summary>One deliberation's part of a workspace, as the digest needs it.</summary>
public sealed record DigestSource(Deliberation Deliberation, IReadOnlyList<Concern> Concerns, IReadOnlyList<Participant> Participants)
{
    /// <summary>The flow the deliberation runs, for the questions its concerns are about; without it a concern reads as stored.</summary>
    public FlowDefinition? Flow { get; init; }
}

/// <summary>Builds a digest from a workspace's deliberations. Pure, so every rule can be tested on fixed data.</summary>
public static class DigestComposer
{
    /// <summary>The groups whose absence is worth naming; "other" is not a voice anyone can be missing.</summary>
    private static readonly StakeholderGroup[] Voices = [.. Enum.GetValues<StakeholderGroup>().Where(g => g != StakeholderGroup.Other)];

    /// <summary>How much of a concern's words a digest shows; the whole is one <c>concerns</c> away.</summary>
    public const int WordsShown = 200;

    /// <summary>One reader's digest: the workspace's part, what changed since their last digest, no links yet.</summary>
    public static WeeklyDigest Compose(
        IReadOnlyList<DigestSource> sources, DateTimeOffset now, DateTimeOffset since, int staleAfterDays, string week, bool late, DateTimeOffset? wasDue, string timeZone) =>
        Snapshot(Guid.Empty, "", sources, now, staleAfterDays).For(since, week, late, wasDue, timeZone);

    /// <summary>
    /// The part of every reader's digest that does not depend on the reader: composed once per run however many
    /// leaders read it.
    /// </summary>
    public static DigestSnapshot Snapshot(Guid id, string workspaceId, IReadOnlyList<DigestSource> sources, DateTimeOffset now, int staleAfterDays)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        DigestConcern View(DigestSource s, Concern c)
        {
            var (question, words) = WordsOf(c, s.Flow);
            var reopening = c.Voices.Where(v => v.Reopening).Select(v => v.Text).ToList();
            return new(c.Id, s.Deliberation.Title, c.Number, Shorten(words[0].Text), c.RaisedByGroups, (int)(now - c.CreatedAt).TotalDays, c.Status)
            {
                Shortened = words.Select(w => w.Text).Concat(reopening).Append(c.Response ?? "").Any(t => t.Length > WordsShown),
                Question = question,
                Words = words.Count > 1 || words[0].Count > 1 ? [.. words.Select(w => w with { Text = Shorten(w.Text) })] : null,
                Standing = new DigestStanding(c.Response is { } r ? Shorten(r) : null, [.. reopening.Select(Shorten)], c.AcceptedBy.Count, c.Raisers.Count),
            };
        }

        static bool Undecided(Deliberation d) => d.IsOpen || d.Decision is null;

        // Each concern's view is made once and shared by the lists it appears in.
        var views = sources.Select(s => s.Concerns.Select(c => (Concern: c, View: View(s, c))).ToList()).ToList();
        var all = sources.SelectMany((s, i) => views[i].Select(x => (s.Deliberation, x.Concern, x.View))).ToList();
        var proposals = sources
            .Select((s, i) => new DigestProposal(
                s.Deliberation.Id, s.Deliberation.Title, s.Deliberation.Status, s.Deliberation.Due,
                [.. views[i].Where(x => x.Concern.IsUnresolved).OrderBy(x => x.Concern.CreatedAt).ThenBy(x => x.Concern.Number).Select(x => x.View)],
                Undecided(s.Deliberation) ? [.. Voices.Where(g => s.Participants.All(p => p.Group != g))] : [])
            {
                AwaitingDecision = !s.Deliberation.IsOpen && s.Deliberation.Decision is null,
            })
            .Where(p => p.Status == DeliberationStatus.Open || p.AwaitingDecision || p.OpenConcerns.Count > 0)
            .OrderByDescending(p => p.OpenConcerns.Count == 0 ? 0 : p.OpenConcerns.Max(c => c.AgeDays))
            .ThenBy(p => p.Title, StringComparer.Ordinal)
            .ToList();

        // A merged concern is neither new nor resolved: its words and its people live on in the concern it joined.
        var changes = all.Where(x => !x.Concern.IsMerged).Select(x => new DigestChange(x.View, x.Concern.CreatedAt, x.Concern.UpdatedAt, x.Concern.IsUnresolved)).ToList();
        var stale = all
            .Where(x => x.Concern.Status == ConcernStatus.Open && now - x.Concern.UpdatedAt > TimeSpan.FromDays(staleAfterDays))
            .OrderBy(x => x.Concern.UpdatedAt)
            .Select(x => x.View)
            .ToList();

        var horizon = today.AddDays(14);
        var due = sources
            .Where(s => s.Deliberation.IsOpen && s.Deliberation.Due is { } d && d <= horizon)
            .Select(s => new DigestDue(s.Deliberation.Title, "Deliberation closes", s.Deliberation.Due!.Value, s.Deliberation.Due.Value.DayNumber - today.DayNumber))
            .Concat(all
                .Where(x => x.Concern.Kind == ConcernKind.Condition && x.Concern.IsUnresolved && x.Concern.Due is { } d && d <= horizon)
                .Select(x => new DigestDue(x.Deliberation.Title, $"Condition #{x.Concern.Number}: {x.Concern.Text}", x.Concern.Due!.Value, x.Concern.Due.Value.DayNumber - today.DayNumber)))
            .OrderBy(d => d.Due)
            .ToList();

        return new DigestSnapshot(id, workspaceId, now, staleAfterDays, proposals, stale, due, changes);
    }

    /// <summary>
    /// What a leader reads of a concern: the words of the people who raised it, each different words once with how many
    /// gave them (several people's, once concerns are merged). A concern a question's rule raised is stored as the rule
    /// it met ("Answers that meet this question's concern rule (any of no, unsure).") and a flagged yes/no, choice or
    /// rating as the option alone ("No"): neither says anything without its question, so those come with the question,
    /// and a rule's concern reads as what was answered. Words given on reopening answer the owners' response, not the
    /// question: they are where the concern stands (<see cref="DigestConcern.Standing"/>), not here.
    /// </summary>
    public static (string? Question, IReadOnlyList<DigestWords> Words) WordsOf(Concern c, FlowDefinition? flow)
    {
        var question = c.QuestionId is null ? null : flow?.FindQuestion(c.QuestionId);
        var needsQuestion = c.Origin == ConcernOrigin.FlowRule
            || (c.Origin == ConcernOrigin.FlaggedAnswer && question?.Kind is not (AnswerKind.FreeText or AnswerKind.Number));
        var raising = c.Voices.Where(v => !v.Reopening).ToList();
        var fromVoices = c.Origin == ConcernOrigin.FlowRule ? question is not null && raising.Count > 0 : raising.Count > 1;
        // Words merged in from a concern about another question come with that question (without the flow, none can).
        string? OtherQuestion(ConcernVoice v) => flow is null ? null : ConcernView.OtherQuestionOf(c, v, flow);
        IReadOnlyList<DigestWords> words = fromVoices
            ? [.. raising.GroupBy(v => (Question: OtherQuestion(v), v.Text)).Select(g => new DigestWords(g.Key.Text, g.Count()) { Question = g.Key.Question })]
            : [new DigestWords(c.Text, 1)];
        return (needsQuestion ? question?.Text : null, words);
    }

    /// <summary>The first <see cref="WordsShown"/> characters, ending with "…" when there is more; never half a surrogate pair.</summary>
    public static string Shorten(string text)
    {
        if (text.Length <= WordsShown)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[WordsShown - 1]) ? WordsShown - 1 : WordsShown;
        return text[..cut].TrimEnd() + "…";
    }
}
