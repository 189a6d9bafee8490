using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Forms;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Tests.Forms;

public sealed class ChoiceFormsTests
{
    [Fact]
    public void A_known_group_is_read_and_a_missing_one_asks_for_it()
    {
        Assert.Equal((StakeholderGroup.FrontlineWorker, (FormProblem?)null), ChoiceForms.Group(StakeholderGroup.FrontlineWorker.Id()));
        Assert.Equal(new FormProblem(FormField.Group, "Please pick the stakeholder group you answer as."), ChoiceForms.Group(null).Problem);
        Assert.Null(ChoiceForms.Group("nobody").Group);
    }

    [Theory]
    [InlineData("no-go", DecisionOutcome.NoGo)]
    [InlineData("NoGo", DecisionOutcome.NoGo)]
    [InlineData("conditions", DecisionOutcome.GoWithConditions)]
    [InlineData("GoWithConditions", DecisionOutcome.GoWithConditions)]
    [InlineData("revisit", DecisionOutcome.RevisitLater)]
    public void The_outcome_reads_as_a_command_word_or_its_name(string value, DecisionOutcome expected)
    {
        Assert.Equal((expected, "Because.", (FormProblem?)null), ChoiceForms.Decision(value, " Because. "));
    }

    [Theory]
    [InlineData(null, "Because.", FormField.Outcome, "Please pick the decision.")]
    [InlineData("1", "Because.", FormField.Outcome, "Please pick the decision.")]
    [InlineData("maybe", "Because.", FormField.Outcome, "Please pick the decision.")]
    [InlineData("go", "  ", FormField.Rationale, "Please say why, for the record.")]
    [InlineData("go", null, FormField.Rationale, "Please say why, for the record.")]
    public void A_decision_without_an_outcome_or_a_reason_says_what_is_missing(string? outcome, string? rationale, FormField field, string text)
    {
        Assert.Equal(new FormProblem(field, text), ChoiceForms.Decision(outcome, rationale).Problem);
    }
}
