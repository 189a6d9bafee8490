using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Forms;

namespace DeliberationBot.Core.Tests.Forms;

public sealed class AnswerFormTests
{
    [Theory]
    [InlineData(AnswerKind.FreeText)]
    [InlineData(AnswerKind.Number)]
    [InlineData(AnswerKind.Scale)]
    [InlineData(AnswerKind.SingleChoice)]
    [InlineData(AnswerKind.MultipleChoice)]
    [InlineData(AnswerKind.YesNoUnsure)]
    public void Nothing_given_is_a_skip_whatever_the_kind(AnswerKind kind)
    {
        Assert.Equal(AnswerValue.Skip(), AnswerParser.FromForm(kind, []).Value);
        Assert.Equal(AnswerValue.Skip(), AnswerParser.FromForm(kind, [null, "  "]).Value);
    }

    [Fact]
    public void Each_kind_becomes_its_answer()
    {
        Assert.Equal(AnswerValue.FromText("It adds typing."), AnswerParser.FromForm(AnswerKind.FreeText, ["  It adds typing. "]).Value);
        Assert.Equal(AnswerValue.FromNumber(15.5m), AnswerParser.FromForm(AnswerKind.Number, ["15.5"]).Value);
        Assert.Equal(AnswerValue.FromNumber(3), AnswerParser.FromForm(AnswerKind.Scale, ["3"]).Value);
        Assert.Equal(AnswerValue.FromChoices("yes"), AnswerParser.FromForm(AnswerKind.YesNoUnsure, ["yes"]).Value);
        Assert.Equal(AnswerValue.FromChoices("a", "b"), AnswerParser.FromForm(AnswerKind.MultipleChoice, ["a", " b", "a", ""]).Value);
    }

    [Fact]
    public void A_line_break_is_one_character_whichever_form_sent_it()
    {
        Assert.Equal(AnswerValue.FromText("One line.\n\nAnother,  spaced."), AnswerParser.FromForm(AnswerKind.FreeText, ["One line.\r\n\r\nAnother,  spaced."]).Value);
        Assert.Equal(AnswerValue.FromText("a\nb\nc"), AnswerParser.FromForm(AnswerKind.FreeText, ["a\rb\nc"]).Value);
    }

    [Theory]
    [InlineData(AnswerKind.Number, "Please answer with a number of 0 or more, for example 15.")]
    [InlineData(AnswerKind.Scale, "Please answer with a number from 1 to 5.")]
    public void A_number_that_is_not_one_says_what_to_type(AnswerKind kind, string text)
    {
        var (value, problem) = AnswerParser.FromForm(kind, ["fifteen"]);

        Assert.Null(value);
        Assert.Equal(new FormProblem(FormField.Answer, text), problem);
    }
}
