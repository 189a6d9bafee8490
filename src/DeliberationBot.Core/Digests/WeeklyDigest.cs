using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Digests;

/// <summary>
/// A concern in a digest: the first <see cref="DigestComposer.WordsShown"/> characters of its words (<see cref="Shortened"/>
/// says when there is more, to be read with <c>concerns</c>), and the groups of the people who raised it.
/// </summary>
public sealed record DigestConcern(Guid Id, string Proposal, int Number, string Text, IReadOnlyList<StakeholderGroup> RaisedBy, int AgeDays, ConcernStatus Status)
{
    public bool Shortened { get; init; }

    /// <summary>
    /// The question the words answer, to be read before them where they say nothing without it (a rule's answers, an
    /// option chosen); it is the flow's wording, not anyone's words, so it is never quoted with them.
    /// </summary>
    public string? Question { get; init; }

    /// <summary>The words in quotation marks, after their question when they need it; <paramref name="escape"/> makes each part safe for the surface.</summary>
    public string Quoted(Func<string, string> escape, char open = '\u201C', char close = '\u201D') =>
        (Question is { } question ? escape(question) + " " : "") + open + escape(Text) + close;
}

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
            return new(c.Id, s.Deliberation.Title, c.Number, Shorten(words), c.RaisedByGroups, (int)(now - c.CreatedAt).TotalDays, c.Status)
            {
                Shortened = words.Length > WordsShown,
                Question = question,
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

        var changes = all.Select(x => new DigestChange(x.View, x.Concern.CreatedAt, x.Concern.UpdatedAt, x.Concern.IsUnresolved)).ToList();
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
    /// What a leader reads of a concern: the words of the people who raised it. A concern a question's rule raised is
    /// stored as the rule it met ("Answers that meet this question's concern rule (any of no, unsure).") and a flagged
    /// yes/no, choice or rating as the option alone ("No"): neither says anything without its question, so those come
    /// with the question, and read as what was answered, each different answer once with how many gave it.
    /// </summary>
    public static (string? Question, string Words) WordsOf(Concern c, FlowDefinition? flow)
    {
        var question = c.QuestionId is null ? null : flow?.FindQuestion(c.QuestionId);
        var needsQuestion = c.Origin == ConcernOrigin.FlowRule
            || (c.Origin == ConcernOrigin.FlaggedAnswer && question?.Kind is not (AnswerKind.FreeText or AnswerKind.Number));
        if (question is null || !needsQuestion)
        {
            return (null, c.Text);
        }

        var answered = c.Origin == ConcernOrigin.FlowRule && c.Voices.Count > 0
            ? string.Join("; ", c.Voices.Where(v => !v.Reopening).GroupBy(v => v.Text, StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} (×{g.Count()})"))
            : c.Text;
        return (question.Text, answered);
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
