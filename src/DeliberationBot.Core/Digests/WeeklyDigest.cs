using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Digests;

public sealed record DigestProposal(Guid Id, string Title, DeliberationStatus Status, DateOnly? Due, IReadOnlyList<DigestConcern> OpenConcerns, IReadOnlyList<StakeholderGroup> MissingVoices)
{
    /// <summary>Closed, and the facilitator has not recorded the decision yet.</summary>
    public bool AwaitingDecision { get; init; }

    /// <summary>The decision, once recorded: a proposal decided with concerns still unresolved stays in the digest.</summary>
    public DigestDecision? Decided { get; init; }

    /// <summary>
    /// Where the proposal stands, when that is more than open: "closed, awaiting the decision", or "decided 2026-12-06:
    /// Go with conditions, with the concerns below still unresolved", so a leader does not read a decided proposal as
    /// still being discussed.
    /// </summary>
    public string? Standing => AwaitingDecision
        ? "closed, awaiting the decision"
        : Decided is { } d ? $"decided {d.On:yyyy-MM-dd}: {d.Outcome.Label()}{(OpenConcerns.Count > 0 ? ", with the concerns below still unresolved" : "")}" : null;

    /// <summary>The reader's own link to the deliberation's page.</summary>
    public Uri? Report { get; init; }
}

public sealed record DigestDecision(DecisionOutcome Outcome, DateOnly On);

public sealed record DigestDue(string Proposal, string What, DateOnly Due, int DaysLeft)
{
    /// <summary>The deliberation that falls due, or whose condition does.</summary>
    public Guid DeliberationId { get; init; }

    /// <summary>When it falls due, as a leader reads it: "in 3 days", "today", "2 days overdue".</summary>
    public string When => DaysLeft switch
    {
        < 0 => $"{Summaries.GroupWords.Count(-DaysLeft, "day")} overdue",
        0 => "today",
        _ => $"in {Summaries.GroupWords.Count(DaysLeft, "day")}",
    };
}

/// <summary>
/// A leader's week: open concerns by proposal (oldest first), what is new and what was closed since the last
/// digest, concerns the owners have not answered for too long, what falls due, and whose voices are missing.
/// </summary>
public sealed record WeeklyDigest(
    string Week,
    bool Late,
    DateTimeOffset? WasDueAt,
    string TimeZone,
    IReadOnlyList<DigestProposal> Proposals,
    IReadOnlyList<DigestConcern> NewSinceLast,
    IReadOnlyList<DigestConcern> ClosedSinceLast,
    IReadOnlyList<DigestConcern> Stale,
    IReadOnlyList<DigestDue> ComingDue,
    int StaleAfterDays) : OutgoingMessage
{
    /// <summary>
    /// What is open across the proposals, as the headline says it: "6 open concerns", or with the conditions of decisions
    /// counted apart, "5 open concerns and 1 open condition".
    /// </summary>
    public string OpenCount
    {
        get
        {
            var open = Proposals.SelectMany(p => p.OpenConcerns).ToList();
            var conditions = open.Count(c => c.IsCondition);
            var concerns = Summaries.GroupWords.Count(open.Count - conditions, "open concern");
            return conditions == 0 ? concerns : $"{concerns} and {Summaries.GroupWords.Count(conditions, "open condition")}";
        }
    }

    /// <summary>
    /// What moved since the last digest, as the headline says it: "1 new and 2 resolved since the last digest". What
    /// the facilitator closed without the people who raised it accepting is counted apart, never as resolved.
    /// </summary>
    public string SinceLast
    {
        get
        {
            var byFacilitator = ClosedSinceLast.Count(c => c.Status == ConcernStatus.ClosedByFacilitator);
            string[] parts = byFacilitator == 0
                ? [$"{NewSinceLast.Count} new", $"{ClosedSinceLast.Count} resolved"]
                : [$"{NewSinceLast.Count} new", $"{ClosedSinceLast.Count - byFacilitator} resolved", $"{byFacilitator} closed by the facilitator"];
            return Summaries.GroupWords.Listed(parts) + " since the last digest";
        }
    }

    /// <summary>The heading of <see cref="ClosedSinceLast"/>, whose every item says how it was closed.</summary>
    public const string ClosedHeading = "Closed since the last digest";

    /// <summary>Whether any concern the digest shows with its words was shortened to fit.</summary>
    public bool AnyShortened =>
        Proposals.Any(p => p.OpenConcerns.Any(c => c.Shortened)) || Stale.Concat(NewSinceLast).Concat(ClosedSinceLast).Any(c => c.Shortened);

    public bool IsEmpty => Proposals.Count == 0 && NewSinceLast.Count == 0 && ClosedSinceLast.Count == 0 && ComingDue.Count == 0;

    /// <summary>
    /// How many deliberations were left out because their platform would not say whether the reader may read their
    /// conversation (<see cref="Messaging.IConversationReaders"/>); the digest says so rather than drop them silently.
    /// </summary>
    public int LeftOut { get; init; }

    /// <summary>Every deliberation this digest tells of.</summary>
    public IEnumerable<Guid> Deliberations =>
        Proposals.Select(p => p.Id)
            .Concat(NewSinceLast.Concat(ClosedSinceLast).Concat(Stale).Select(c => c.DeliberationId))
            .Concat(ComingDue.Select(d => d.DeliberationId))
            .Distinct();

    /// <summary>The digest with only what the reader may read: the deliberations <paramref name="mayRead"/> allows.</summary>
    public WeeklyDigest Only(Func<Guid, bool> mayRead, int leftOut) => this with
    {
        Proposals = [.. Proposals.Where(p => mayRead(p.Id))],
        NewSinceLast = [.. NewSinceLast.Where(c => mayRead(c.DeliberationId))],
        ClosedSinceLast = [.. ClosedSinceLast.Where(c => mayRead(c.DeliberationId))],
        Stale = [.. Stale.Where(c => mayRead(c.DeliberationId))],
        ComingDue = [.. ComingDue.Where(d => mayRead(d.DeliberationId))],
        LeftOut = leftOut,
    };
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
                Words = words.Count > 1 || words[0] is { Count: > 1 } or { Suggested: true } or { Since: not null } or { Answered: not null } ? [.. words.Select(w => w with { Text = Shorten(w.Text) })] : null,
                Standing = new DigestStanding(c.Response is { } r ? Shorten(r) : null, [.. reopening.Select(Shorten)], c.AcceptedBy.Count, c.Raisers.Count) { Answered = c.OwnersAnswer, RespondedBy = c.RespondedBy?.Display },
                From = FromWhom(s.Deliberation, c),
                IsCondition = c.Kind == ConcernKind.Condition,
                DeliberationId = s.Deliberation.Id,
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
                Decided = s.Deliberation.Decision is { } decision ? new DigestDecision(decision.Outcome, DateOnly.FromDateTime(decision.At.UtcDateTime)) : null,
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
            .Select(s => new DigestDue(s.Deliberation.Title, "Deliberation closes", s.Deliberation.Due!.Value, s.Deliberation.Due.Value.DayNumber - today.DayNumber) { DeliberationId = s.Deliberation.Id })
            .Concat(all
                .Where(x => x.Concern.Kind == ConcernKind.Condition && x.Concern.IsUnresolved && x.Concern.Due is { } d && d <= horizon)
                .Select(x => new DigestDue(x.Deliberation.Title, $"Condition #{x.Concern.Number}: {x.Concern.Text}", x.Concern.Due!.Value, x.Concern.Due.Value.DayNumber - today.DayNumber) { DeliberationId = x.Deliberation.Id }))
            .OrderBy(d => d.Due)
            .ToList();

        return new DigestSnapshot(id, workspaceId, now, staleAfterDays, proposals, stale, due, changes)
        {
            Homes = sources.ToDictionary(s => s.Deliberation.Id, s => new DigestHome(
                s.Deliberation.Home with { ThreadId = null }, [.. s.Deliberation.Owners.Prepend(s.Deliberation.Facilitator).Select(u => u.Id).Distinct()])),
        };
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
        var raising = c.Voices.Where(v => !v.Reopening).Select(v => flow is null ? v : VoiceReading.Of(v, flow)).ToList();
        var fromVoices = c.Origin == ConcernOrigin.FlowRule ? question is not null && raising.Count > 0 : raising.Count > 1 || raising.Any(v => v.Since is not null);
        // Words merged in from a concern about another question come with that question (without the flow, none can).
        string? OtherQuestion(ConcernVoice v) => flow is null ? null : ConcernView.OtherQuestionOf(c, v, flow)?.TextWithScale;
        IReadOnlyList<DigestWords> words = fromVoices
            ? [.. raising.GroupBy(v => (Question: OtherQuestion(v), v.Text, v.Answered, v.Suggested, Since: v.Since?.Brief))
                .Select(g => new DigestWords(g.Key.Text, g.Count()) { Question = g.Key.Question, Suggested = g.Key.Suggested, Since = g.Key.Since, Answered = g.Key.Answered })]
            : c.Origin == ConcernOrigin.FlaggedAnswer && question is not null && VoiceReading.Apart(question, c.Text) is var (answered, said)
                ? [new DigestWords(said, 1) { Answered = answered }]
                : [new DigestWords(c.Text, 1) { Suggested = c.Origin == ConcernOrigin.ConfirmedSuggestion }];
        return (needsQuestion ? question?.TextWithScale : null, words);
    }

    /// <summary>
    /// Where a concern comes from when its groups do not say it: a condition of the decision is its owner's, due on a
    /// date; words recorded by the facilitator or an owner, who answered nothing, are theirs.
    /// </summary>
    private static string? FromWhom(Deliberation d, Concern c) => c switch
    {
        { Kind: ConcernKind.Condition } => "a condition of the decision" + (c.Owner is { } owner ? $", owner {owner.Display}" : "") +
            (c.Due is { } due ? $", due {due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}" : ""),
        { RaisedByGroups.Count: > 0 } => null,
        _ when c.Raisers.Contains(TurnSupport.NamedKey(d.Facilitator.Id)) => "the facilitator",
        _ => "an owner",
    };

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
