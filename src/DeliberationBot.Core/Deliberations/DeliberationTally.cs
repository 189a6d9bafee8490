using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// How many people have joined, finished and answered a deliberation, by stakeholder group: all a card and
/// <c>status</c> show. The store counts them, so both cost the same with ten thousand participants as with ten; reading
/// every participant and answer to count them made a large deliberation's <c>status</c> cost 80 ms of CPU.
/// </summary>
public sealed record DeliberationTally(IReadOnlyList<GroupTally> Groups, IReadOnlyList<AnswerTally> Answers, PublicPageTally PublicPage)
{
    /// <summary>Whether fewer than <paramref name="min"/> people of <paramref name="group"/> joined: few enough that an anonymous one of them may be recognised.</summary>
    public bool IsSmall(StakeholderGroup group, int min) => (Groups.FirstOrDefault(g => g.Group == group)?.Participants ?? 0) < min;

    public static readonly DeliberationTally Empty = new([], [], new PublicPageTally(0, 0));

    /// <summary>The same counts from lists already in hand (a report or an export reads them all anyway).</summary>
    public static DeliberationTally Of(IReadOnlyList<Participant> participants, IReadOnlyList<Answer> answers)
    {
        var viaPage = participants.Where(p => p.ViaPublicPage).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return new DeliberationTally(
            [.. participants.GroupBy(p => p.Group).Select(g => new GroupTally(g.Key, g.Count(), g.Count(p => p.FinishedAt is not null)))],
            [.. answers.Where(a => !a.Value.Skipped).GroupBy(a => (a.QuestionId, a.Group)).Select(g => new AnswerTally(g.Key.QuestionId, g.Key.Group, g.Count()))],
            new PublicPageTally(viaPage.Count, answers.Count(a => viaPage.Contains(a.ParticipantKey))));
    }
}

/// <summary>People of one group who joined, and how many of them finished.</summary>
public sealed record GroupTally(StakeholderGroup Group, int Participants, int Finished);

/// <summary>Answers given to one question by one group; skipped questions are not counted.</summary>
public sealed record AnswerTally(string QuestionId, StakeholderGroup Group, int Given);

/// <summary>People who came through the public page, and every answer of theirs (skipped ones too).</summary>
public sealed record PublicPageTally(int Participants, int Answers);
