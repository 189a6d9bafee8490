using DeliberationBot.Core.Flows;
using static DeliberationBot.Core.Tests.Flows.TestFlows;

namespace DeliberationBot.Core.Tests.Flows;

/// <summary>FlowEngine.Validate for every answer kind.</summary>
public class FlowEngineValidateTests
{
    [Fact]
    public void Free_text()
    {
        var question = Q("why-slow");

        Assert.Null(FlowEngine.Validate(question, AnswerValue.FromText("Because of data entry.")));
        Assert.Null(FlowEngine.Validate(question, AnswerValue.FromText(new string('x', AnswerParser.MaxTextLength))));
        Assert.Equal("Please write an answer.", FlowEngine.Validate(question, AnswerValue.FromText("")));
        Assert.Equal("Please write an answer.", FlowEngine.Validate(question, AnswerValue.FromText("   ")));
        Assert.Equal("Please write an answer.", FlowEngine.Validate(question, AnswerValue.FromNumber(3)));
        Assert.Equal("Please keep the answer under 4000 characters.", FlowEngine.Validate(question, AnswerValue.FromText(new string('x', AnswerParser.MaxTextLength + 1))));
    }

    [Fact]
    public void Single_choice()
    {
        var question = Q("pick");

        Assert.Null(FlowEngine.Validate(question, AnswerValue.FromChoices("red")));
        Assert.Equal("Please pick one option.", FlowEngine.Validate(question, AnswerValue.FromChoices("red", "blue")));
        Assert.Equal("Please pick one option.", FlowEngine.Validate(question, AnswerValue.FromChoices()));
        Assert.Equal("'green' is not one of the options.", FlowEngine.Validate(question, AnswerValue.FromChoices("green")));
        Assert.Equal("'Red' is not one of the options.", FlowEngine.Validate(question, AnswerValue.FromChoices("Red")));
    }

    [Fact]
    public void Multiple_choice()
    {
        var question = Q("many");

        Assert.Null(FlowEngine.Validate(question, AnswerValue.FromChoices("alpha")));
        Assert.Null(FlowEngine.Validate(question, AnswerValue.FromChoices("alpha", "beta", "gamma")));
        Assert.Equal("Please pick at least one option.", FlowEngine.Validate(question, AnswerValue.FromChoices()));
        Assert.Equal("'delta' is not one of the options.", FlowEngine.Validate(question, AnswerValue.FromChoices("alpha", "delta")));
    }

    [Fact]
    public void Yes_no_unsure()
    {
        var question = Q("appeal");

        Assert.All(["yes", "no", "unsure"], c => Assert.Null(FlowEngine.Validate(question, AnswerValue.FromChoices(c))));
        Assert.Equal("'maybe' is not one of the options.", FlowEngine.Validate(question, AnswerValue.FromChoices("maybe")));
        Assert.Equal("Please pick one option.", FlowEngine.Validate(question, AnswerValue.FromChoices("yes", "no")));
        Assert.Equal("Please pick one option.", FlowEngine.Validate(question, AnswerValue.FromText("yes")));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("3", true)]
    [InlineData("5", true)]
    [InlineData("5.0", true)]
    [InlineData("0", false)]
    [InlineData("6", false)]
    [InlineData("2.5", false)]
    [InlineData("-1", false)]
    public void Scale_accepts_whole_numbers_from_one_to_five(string number, bool valid)
    {
        var error = FlowEngine.Validate(Q("readiness"), AnswerValue.FromNumber(decimal.Parse(number, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(valid ? null : "Please pick a number from 1 to 5.", error);
    }

    [Fact]
    public void Scale_needs_a_number()
    {
        Assert.Equal("Please pick a number from 1 to 5.", FlowEngine.Validate(Q("readiness"), AnswerValue.FromChoices("3")));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("15", true)]
    [InlineData("2.5", true)]
    [InlineData("1000000", true)]
    [InlineData("-1", false)]
    [InlineData("-0.5", false)]
    [InlineData("1000001", false)]
    public void Number_accepts_zero_up_to_a_million(string number, bool valid)
    {
        var error = FlowEngine.Validate(Q("minutes"), AnswerValue.FromNumber(decimal.Parse(number, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(valid ? null : "Please give a number (0 or more).", error);
    }

    [Fact]
    public void Number_needs_a_number()
    {
        Assert.Equal("Please give a number (0 or more).", FlowEngine.Validate(Q("minutes"), AnswerValue.FromText("15")));
    }
}
