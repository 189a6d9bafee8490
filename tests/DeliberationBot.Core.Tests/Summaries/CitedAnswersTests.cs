using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Core.Summaries;
using DeliberationBot.Core.Tests.Flows;

namespace DeliberationBot.Core.Tests.Summaries;

/// <summary>What a suggested concern rests on: the answers it cites that the summary may quote, as it quotes them.</summary>
public sealed class CitedAnswersTests
{
    private static SummaryAnswer A(string id, string question, StakeholderGroup group, string person, bool anonymous, AnswerValue value, bool flagged = false) =>
        new(id, question, group, person, anonymous, value, flagged);

    [Fact]
    public void Only_answers_the_summary_may_quote_within_the_suggestions_section_are_quoted_as_it_quotes_them()
    {
        var input = new SummaryInput(Guid.NewGuid(), "Screening", TestFlows.Engine,
        [
            A("A1", "intro", StakeholderGroup.FrontlineWorker, "P1", false, AnswerValue.FromText("Nobody asked nights.")),
            A("A2", "intro", StakeholderGroup.Community, "P2", true, AnswerValue.FromText("Only I would know this.")), // one of one: not shown
            A("A3", "intro", StakeholderGroup.Community, "P3", true, AnswerValue.FromText("I flagged mine."), flagged: true), // flagged: shown
            A("A4", "workers-only", StakeholderGroup.FrontlineWorker, "P1", false, AnswerValue.FromChoices("no")),
            A("A5", "what-change", StakeholderGroup.FrontlineWorker, "P1", false, AnswerValue.FromText("Another section.")),
            A("A6", "why-slow", StakeholderGroup.FrontlineWorker, "P1", false, AnswerValue.Skip()),
        ], MinGroupSize: 3);

        var quoted = CitedAnswers.Quotable(SummaryAnswerSet.From(input), ["A1", "A2", "A3", "A4", "A5", "A6", "A99"], "first").ToList();

        Assert.Equal([("A1", "Nobody asked nights."), ("A3", "I flagged mine."), ("A4", "No")], quoted.Select(q => (q.Answer.Id, q.Text)));
        // A suggestion without a section takes the answers of any; the one that may not be shown is still left out.
        Assert.Equal(["A1", "A3", "A4", "A5"], CitedAnswers.Quotable(SummaryAnswerSet.From(input), ["A1", "A2", "A3", "A4", "A5"], sectionId: null).Select(q => q.Answer.Id));
    }
}
