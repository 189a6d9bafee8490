using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Forms;

namespace DeliberationBot.Core.Tests.Forms;

/// <summary>An answer form checked against its question (the community page's form): each rule, with its numbers.</summary>
public sealed class AnswerFormRulesTests
{
    private static Question Asked(AnswerKind kind, bool required = true, params string[] options) =>
        new("q", "s", "What do you think?", null, kind, [.. options.Select(o => new ChoiceOption(o, o.ToUpperInvariant()))], new HashSet<Stakeholders.StakeholderGroup>(), required, null, []);

    [Fact]
    public void A_web_forms_line_break_counts_as_the_one_character_its_textarea_counted()
    {
        // A textarea's maxlength counts a line break as one character; the form then sends it as \r\n.
        Assert.Equal((AnswerValue.FromText("ab\ncd"), (AnswerProblem?)null), AnswerForm.Read(Asked(AnswerKind.FreeText), ["ab\r\ncd"], skip: false, maxLength: 5));
    }

    [Fact]
    public void A_skip_counts_only_when_the_question_allows_it()
    {
        Assert.Equal((AnswerValue.Skip(), (AnswerProblem?)null), AnswerForm.Read(Asked(AnswerKind.FreeText, required: false), ["written"], skip: true));
        Assert.Equal(new AnswerProblem(AnswerRule.WriteAnswer), AnswerForm.Read(Asked(AnswerKind.FreeText), [], skip: true).Problem);
    }

    [Theory]
    [InlineData(AnswerKind.FreeText, AnswerRule.WriteAnswer)]
    [InlineData(AnswerKind.Number, AnswerRule.GiveNumber)]
    [InlineData(AnswerKind.Scale, AnswerRule.GiveScale)]
    [InlineData(AnswerKind.SingleChoice, AnswerRule.ChooseOption)]
    [InlineData(AnswerKind.MultipleChoice, AnswerRule.ChooseOption)]
    [InlineData(AnswerKind.YesNoUnsure, AnswerRule.ChooseOption)]
    public void Nothing_given_without_a_skip_says_what_is_missing(AnswerKind kind, AnswerRule rule)
    {
        Assert.Equal(new AnswerProblem(rule), AnswerForm.Read(Asked(kind, required: false, "a", "b"), [null, " "], skip: false).Problem);
    }

    [Fact]
    public void Text_over_the_limit_names_the_limit_and_is_kept_to_show_again()
    {
        var (value, problem) = AnswerForm.Read(Asked(AnswerKind.FreeText), [new string('x', 11)], skip: false, maxLength: 10);

        Assert.Equal(new AnswerProblem(AnswerRule.TooLong, 10) { Given = 11 }, problem);
        Assert.Equal("Please keep the answer under 10 characters (this one has 11).", problem!.Text);
        Assert.Equal(new string('x', 11), value?.Text);
        Assert.Equal(AnswerParser.MaxTextLength, AnswerForm.Read(Asked(AnswerKind.FreeText), [new string('x', 5000)], skip: false, maxLength: 9000).Problem?.Limit);
    }

    [Theory]
    [InlineData("15", 15)]
    [InlineData(" 1,5 ", 1.5)]
    [InlineData("1,000", 1000)]
    [InlineData("2.25", 2.25)]
    [InlineData("0", 0)]
    public void Numbers_read_as_typed_replies_are(string typed, double expected)
    {
        Assert.Equal((AnswerValue.FromNumber((decimal)expected), (AnswerProblem?)null), AnswerForm.Read(Asked(AnswerKind.Number), [typed], skip: false));
    }

    [Theory]
    [InlineData(AnswerKind.Number, "fifteen")]
    [InlineData(AnswerKind.Number, "15 minutes")]
    [InlineData(AnswerKind.Number, "-1")]
    [InlineData(AnswerKind.Number, "1000001")]
    [InlineData(AnswerKind.Scale, "6")]
    [InlineData(AnswerKind.Scale, "2.5")]
    [InlineData(AnswerKind.Scale, "three")]
    public void A_number_out_of_its_rule_is_refused(AnswerKind kind, string typed)
    {
        var (value, problem) = AnswerForm.Read(Asked(kind), [typed], skip: false);

        Assert.Null(value);
        Assert.Equal(kind == AnswerKind.Scale ? AnswerRule.GiveScale : AnswerRule.GiveNumber, problem?.Rule);
    }

    [Fact]
    public void Choices_must_be_the_questions_options_and_one_where_one_is_asked()
    {
        Assert.Equal(AnswerValue.FromChoices("a", "b"), AnswerForm.Read(Asked(AnswerKind.MultipleChoice, true, "a", "b"), ["a", "b", "a"], skip: false).Value);
        Assert.Equal(AnswerValue.FromChoices("yes"), AnswerForm.Read(Asked(AnswerKind.YesNoUnsure), ["yes"], skip: false).Value);
        Assert.Equal(AnswerValue.FromNumber(4), AnswerForm.Read(Asked(AnswerKind.Scale), ["4"], skip: false).Value);

        var refused = new AnswerProblem(AnswerRule.ChooseOption);
        Assert.Equal(refused, AnswerForm.Read(Asked(AnswerKind.SingleChoice, true, "a", "b"), ["a", "b"], skip: false).Problem);
        Assert.Equal(refused, AnswerForm.Read(Asked(AnswerKind.MultipleChoice, true, "a", "b"), ["a", "c"], skip: false).Problem);
        Assert.Equal(refused, AnswerForm.Read(Asked(AnswerKind.YesNoUnsure), ["perhaps"], skip: false).Problem);
        Assert.Equal(new AnswerProblem(AnswerRule.GiveScale), AnswerForm.Read(Asked(AnswerKind.Scale), ["2", "3"], skip: false).Problem);
    }

    [Fact]
    public void Each_rule_has_its_English_text()
    {
        Assert.Equal(
            ["Please write an answer.", "Please keep the answer under 200 characters.", FormTexts.GiveNumber, FormTexts.GiveScale, "Please pick one of the options.",
             "This question is required, so it can't be skipped."],
            Enum.GetValues<AnswerRule>().Select(rule => new AnswerProblem(rule, 200).Text));
    }

    [Theory]
    [InlineData(AnswerKind.Number, "-3")]
    [InlineData(AnswerKind.Number, "1000001")]
    [InlineData(AnswerKind.Scale, "6")]
    [InlineData(AnswerKind.Scale, "2.5")]
    public void A_typed_reply_and_a_form_breaking_the_same_rule_read_the_same(AnswerKind kind, string given)
    {
        var question = Asked(kind);
        var typed = AnswerParser.Parse(question, given).Error;
        var form = AnswerForm.Read(question, [given], skip: false).Problem;

        Assert.NotNull(form);
        Assert.Equal(form.Text, typed);
    }

    [Fact]
    public void The_flow_engine_names_the_rule_a_skipped_required_question_breaks()
    {
        Assert.Equal(new AnswerProblem(AnswerRule.Required), FlowEngine.Validate(Asked(AnswerKind.Number), AnswerValue.Skip()));
        Assert.Null(FlowEngine.Validate(Asked(AnswerKind.Number, required: false), AnswerValue.Skip()));
        Assert.Equal(new AnswerProblem(AnswerRule.TooLong, 10) { Given = 11 }, FlowEngine.Validate(Asked(AnswerKind.FreeText), AnswerValue.FromText(new string('x', 11)), maxLength: 10));
    }

    [Fact]
    public void Chat_forms_read_a_decimal_comma_the_same_way()
    {
        Assert.Equal(AnswerValue.FromNumber(1.5m), AnswerParser.FromForm(AnswerKind.Number, ["1,5"]).Value);
    }
}
