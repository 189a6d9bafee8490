namespace DeliberationBot.Core.Summaries;

/// <summary>
/// The summariser that needs no network: deterministic (the same answers give the same summary, whatever their order)
/// and extractive (every quote is an answer's own text; every other sentence is a rule's wording of counts).
/// </summary>
public sealed class OfflineSummarizer : ISummarizer
{
    public Task<DeliberationSummary> SummarizeAsync(SummaryInput input, CancellationToken ct) => Task.FromResult(Summarize(input));

    public static DeliberationSummary Summarize(SummaryInput input)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(input.MinGroupSize, 1, nameof(input));
        var set = SummaryAnswerSet.From(input);
        var sections = input.Flow.Sections
            .Select(s => new SectionSummary(s.Id, s.Title, [.. s.Questions.Where(q => set.ForQuestion(q.Id).Count > 0).Select(q => QuestionDigest.Build(q, set))]))
            .Where(s => s.Questions.Count > 0)
            .ToList();
        var given = set.All.Where(a => !a.Value.Skipped).ToList();
        return new DeliberationSummary(
            input.DeliberationId,
            input.Title,
            input.Flow.Id,
            input.Flow.Version,
            SummarySource.Offline,
            null,
            input.MinGroupSize,
            given.Select(a => a.ParticipantRef).Distinct(StringComparer.Ordinal).Count(),
            given.Count,
            DisagreementFinder.Find(set),
            VoicesHeardBuilder.Build(set),
            LabourTally.Build(set),
            sections,
            [],
            DroppedStatements: 0,
            DroppedSuggestions: 0);
    }
}
