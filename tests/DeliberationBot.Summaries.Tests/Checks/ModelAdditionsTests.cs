using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.Tests.Support;

namespace DeliberationBot.Summaries.Tests.Checks;

/// <summary>What of a model's output is published, checked against the record alone.</summary>
public sealed class ModelAdditionsTests
{
    private const string Purpose = "Answer applicants' eligibility questions at any hour so fewer people call the office.";
    private const string NoConcerns = "Leaders see no concerns: they want to \"answer applicants' eligibility questions at any hour\".";

    private static SummaryInput Calm(int unresolvedConcerns)
    {
        var d = new DeliberationBuilder(Repo.QuickCheck, "Calm");
        d.Named("U1", StakeholderGroup.AgencyLeader, p => p.Text("purpose", Purpose));
        d.Named("U2", StakeholderGroup.AgencyLeader, p => p.Text("purpose", "Shorter queues on the phone line, for applicants and staff alike."));
        return d.Build() with { UnresolvedConcerns = unresolvedConcerns };
    }

    private static DeliberationSummary Merge(SummaryInput input, params ProposedStatement[] statements) =>
        ModelAdditions.Merge(OfflineSummarizer.Summarize(input), input, statements, []);

    [Fact]
    public void No_concerns_is_published_only_while_the_record_has_none()
    {
        var calm = Merge(Calm(unresolvedConcerns: 0), new ProposedStatement("purpose", NoConcerns, ["A1"]));
        Assert.Equal((NoConcerns, 0), (calm.Questions.Single().Statements.Single(s => s.Origin == StatementOrigin.Model).Text, calm.DroppedStatements));

        // A concern raised with `concern "…"` is in the record though no answer was flagged.
        var raised = Merge(Calm(unresolvedConcerns: 1), new ProposedStatement("purpose", NoConcerns, ["A1"]));
        Assert.DoesNotContain(raised.Questions.Single().Statements, s => s.Origin == StatementOrigin.Model);
        Assert.Equal(1, raised.DroppedStatements);
    }

    [Fact]
    public void A_concern_is_never_resolved_by_a_model_even_quoting_an_answer()
    {
        var summary = Merge(Calm(unresolvedConcerns: 0),
            new ProposedStatement("purpose", "Every concern is resolved: they want to \"answer applicants' eligibility questions at any hour\".", ["A1"]));

        Assert.Equal(1, summary.DroppedStatements);
        Assert.Contains("1 AI statement was left out", SummaryText.SourceLine(summary), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_cited_answer_must_exist_and_be_one_the_model_was_shown()
    {
        var input = Calm(unresolvedConcerns: 0);
        var quoting = $"A leader writes \"{Purpose}\"";

        var summary = Merge(input,
            new ProposedStatement("purpose", quoting, ["A1"]),
            new ProposedStatement("purpose", quoting, ["A1", "A99"]),
            new ProposedStatement("purpose", quoting, []),
            new ProposedStatement("no-such-question", quoting, ["A1"]),
            new ProposedStatement(null, quoting, ["A1"]),
            new ProposedStatement("purpose", quoting, ["A2"]),
            new ProposedStatement("purpose", "", ["A1"]),
            new ProposedStatement("purpose", quoting + new string('!', ModelAdditions.MaxTextLength), ["A1"]));

        var published = Assert.Single(summary.Questions.Single().Statements, s => s.Origin == StatementOrigin.Model);
        Assert.Equal(["A1"], published.Cites);
        Assert.Equal(7, summary.DroppedStatements);
    }

    [Fact]
    public void Suggested_concerns_need_existing_citations_and_stay_suggestions()
    {
        var input = Calm(unresolvedConcerns: 0);
        var summary = ModelAdditions.Merge(OfflineSummarizer.Summarize(input), input, [],
        [
            new ProposedSuggestion("purpose-and-people", "purpose", "Applicants may take an answer as a decision.", ["A2", "A1", "A2"]),
            new ProposedSuggestion("purpose-and-people", "purpose", "Nobody knows who answers for mistakes.", ["A7"]),
            new ProposedSuggestion("purpose-and-people", null, "Nobody knows who answers for mistakes.", []),
            new ProposedSuggestion("purpose-and-people", "purpose", "The staffing concern has been addressed.", ["A1"]),
        ]);

        var suggestion = Assert.Single(summary.SuggestedConcerns);
        Assert.Equal("Applicants may take an answer as a decision.", suggestion.Text);
        Assert.Equal(["A1", "A2"], suggestion.Cites);
        Assert.Equal((0, 3), (summary.DroppedStatements, summary.DroppedSuggestions));
        Assert.Equal(SummarySource.Model, summary.Source);
        Assert.Contains("3 AI suggestions were left out", SummaryText.Render(summary), StringComparison.Ordinal);
    }
}
