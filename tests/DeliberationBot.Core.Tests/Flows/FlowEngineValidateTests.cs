using DeliberationBot.Core.Flows;
using static DeliberationBot.Core.Tests.Flows.TestFlows;

namespace DeliberationBot.Core.Tests.Flows;

/// <summary>FlowEngine.Validate for every answer kind, as the chat platforms say it.</summary>
public class FlowEngineValidateTests
{
    [Fact]
    public void Free_text()
    {
        var question = Q("why-slow");

        Assert.Null(Said(question, AnswerValue.FromText("Because of data entry.")));
        Assert.Null(Said(question, AnswerValue.FromText(new string('x', AnswerParser.MaxTextLength))));
        Assert.Equal("Please write an answer.", Said(question, AnswerValue.FromText("")));
        Assert.Equal("Please write an answer.", Said(question, AnswerValue.FromText("   ")));
        Assert.Equal("Please write an answer.", Said(question, AnswerValue.FromNumber(3)));
        Assert.Equal("Please keep the answer under 4000 characters (this one has 4001).", Said(question, AnswerValue.FromText(new string('x', AnswerParser.MaxTextLength + 1))));
    }

    [Fact]
    public void Single_choice()
    {
        var question = Q("pick");

        Assert.Null(Said(question, AnswerValue.FromChoices("red")));
        Assert.Equal("Please pick one of the options.", Said(question, AnswerValue.FromChoices("red", "blue")));
        Assert.Equal("Please pick one of the options.", Said(question, AnswerValue.FromChoices()));
        Assert.Equal("Please pick one of the options.", Said(question, AnswerValue.FromChoices("green")));
        Assert.Equal("Please pick one of the options.", Said(question, AnswerValue.FromChoices("Red")));
    }

    [Fact]
    public void Multiple_choice()
    {
        var question = Q("many");

        Assert.Null(Said(question, AnswerValue.FromChoices("alpha")));
        Assert.Null(Said(question, AnswerValue.FromChoices("alpha", "beta", "gamma")));
        Assert.Equal("Please pick one of the options.", Said(question, AnswerValue.FromChoices()));
        Assert.Equal("Please pick one of the options.", Said(question, AnswerValue.FromChoices("alpha", "delta")));
    }

    [Fact]
    public void Yes_no_unsure()
    {
        var question = Q("appeal");

        Assert.All(["yes", "no", "unsure"], c => Assert.Null(Said(question, AnswerValue.FromChoices(c))));
        Assert.Equal("Please pick one of the options.", Said(question, AnswerValue.FromChoices("maybe")));
        Assert.Equal("Please pick one of the options.", Said(question, AnswerValue.FromChoices("yes", "no")));
        Assert.Equal("Please pick one of the options.", Said(question, AnswerValue.FromText("yes")));
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
        var error = Said(Q("readiness"), AnswerValue.FromNumber(decimal.Parse(number, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(valid ? null : "Please answer with a number from 1 to 5.", error);
    }

    [Fact]
    public void Scale_needs_a_number()
    {
        Assert.Equal("Please answer with a number from 1 to 5.", Said(Q("readiness"), AnswerValue.FromChoices("3")));
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
        var error = Said(Q("minutes"), AnswerValue.FromNumber(decimal.Parse(number, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(valid ? null : "Please answer with a number of 0 or more, for example 15.", error);
    }

    [Fact]
    public void Number_needs_a_number()
    {
        Assert.Equal("Please answer with a number of 0 or more, for example 15.", Said(Q("minutes"), AnswerValue.FromText("15")));
    }

    private static string? Said(Question question, AnswerValue value) => FlowEngine.Validate(question, value)?.Text;
}
