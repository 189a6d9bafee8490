namespace DeliberationBot.Core.Summaries;

/// <summary>A sentence a model wrote about one question, before it is checked against the record.</summary>
public sealed record ProposedStatement(string? QuestionId, string Text, IReadOnlyList<string> Cites);

/// <summary>A concern a model suggested, before it is checked against the record.</summary>
public sealed record ProposedSuggestion(string SectionId, string? QuestionId, string Text, IReadOnlyList<string> Cites);

/// <summary>
/// Adds what a model wrote to an offline summary, keeping only what the record bears out; everything the rules put there
/// stays as it was. A statement is published only if it names a question of the summary, every answer it cites is one
/// the model was shown, it repeats word for word at least <see cref="VerbatimQuote.MinWords"/> words of one of them, and
/// it does not contradict the record (<see cref="Contradicts"/>). A suggested concern needs the same citations and no
/// contradiction, and stays a suggestion. The rest is dropped and counted, so the summary says how much was left out.
/// </summary>
public static class ModelAdditions
{
    public const int MaxTextLength = 1000;

    public static DeliberationSummary Merge(
        DeliberationSummary offline, SummaryInput input, IReadOnlyList<ProposedStatement> statements, IReadOnlyList<ProposedSuggestion> suggestions)
    {
        var record = RecordFacts.From(offline, input);
        var published = statements.Where(s => IsPublishable(s, record)).ToList();
        var suggested = suggestions.Where(s => IsPublishable(s, record)).ToList();
        var byQuestion = published.ToLookup(s => s.QuestionId!, StringComparer.Ordinal);
        return offline with
        {
            Source = SummarySource.Model,
            Sections = [.. offline.Sections.Select(section => section with
            {
                Questions = [.. section.Questions.Select(q => q with
                {
                    Statements = [.. q.Statements, .. byQuestion[q.QuestionId].Select(s => new Statement(s.Text.Trim(), Ordered(s.Cites), StatementOrigin.Model))],
                })],
            })],
            SuggestedConcerns = [.. suggested.Select(s => new SuggestedConcern(s.Text.Trim(), s.SectionId, s.QuestionId, Ordered(s.Cites)))],
            DroppedStatements = statements.Count - published.Count,
            DroppedSuggestions = suggestions.Count - suggested.Count,
        };
    }

    public static bool IsPublishable(ProposedStatement statement, RecordFacts record) =>
        HasText(statement.Text)
        && statement.QuestionId is { } questionId && record.QuestionIds.Contains(questionId)
        && CitesShownAnswers(statement.Cites, record)
        && statement.Cites.Any(id => VerbatimQuote.Quotes(statement.Text, record.Quotable[id]))
        && !Contradicts(statement.Text, questionId, record);

    public static bool IsPublishable(ProposedSuggestion suggestion, RecordFacts record) =>
        HasText(suggestion.Text)
        && (suggestion.QuestionId is null || record.QuestionIds.Contains(suggestion.QuestionId))
        && CitesShownAnswers(suggestion.Cites, record)
        && !Contradicts(suggestion.Text, suggestion.QuestionId, record);

    /// <summary>
    /// Concern statuses come from the record alone, so a model's word that a concern is resolved is never published.
    /// "No concerns" is refused when the record holds any (flagged, meeting a question's concern rule, or still open), and
    /// agreement when the record shows groups answering the question differently, or, for everyone agreeing, when it shows
    /// any disagreement or concern at all.
    /// </summary>
    public static bool Contradicts(string text, string? questionId, RecordFacts record) =>
        RecordClaims.ClaimsResolved(text)
        || (record.HasConcerns && RecordClaims.ClaimsNoConcerns(text))
        || (RecordClaims.ClaimsAgreement(text)
            && ((questionId is not null && record.DisputedQuestions.Contains(questionId))
                || (RecordClaims.IsUniversal(text) && (record.DisputedQuestions.Count > 0 || record.HasConcerns))));

    private static bool HasText(string text) => !string.IsNullOrWhiteSpace(text) && text.Trim().Length <= MaxTextLength;

    private static bool CitesShownAnswers(IReadOnlyList<string> cites, RecordFacts record) => cites.Count > 0 && cites.All(record.Quotable.ContainsKey);

    private static IReadOnlyList<string> Ordered(IReadOnlyList<string> cites) => [.. cites.Distinct(StringComparer.Ordinal).Order(CitationIdComparer.Instance)];
}

/// <summary>
/// What a model's output is checked against: the text of every answer it may have been shown (shown and not skipped),
/// the questions of the summary, the questions where groups answered differently, and whether there is any concern.
/// </summary>
public sealed record RecordFacts(
    IReadOnlyDictionary<string, string> Quotable,
    IReadOnlySet<string> QuestionIds,
    IReadOnlySet<string> DisputedQuestions,
    bool HasConcerns)
{
    public static RecordFacts From(DeliberationSummary offline, SummaryInput input)
    {
        var set = SummaryAnswerSet.From(input);
        var given = set.All.Where(a => !a.Value.Skipped).Select(a => (Answer: a, Question: set.Flow.FindQuestion(a.QuestionId)!)).ToList();
        return new RecordFacts(
            given.Where(x => set.IsShown(x.Answer)).ToDictionary(x => x.Answer.Id, x => set.QuotableText(x.Question, x.Answer), StringComparer.Ordinal),
            offline.Questions.Select(q => q.QuestionId).ToHashSet(StringComparer.Ordinal),
            offline.Disagreements.Select(d => d.QuestionId).ToHashSet(StringComparer.Ordinal),
            input.UnresolvedConcerns > 0 || given.Any(x => x.Answer.FlaggedConcern || x.Question.RaisesConcern(x.Answer.Value)));
    }
}
