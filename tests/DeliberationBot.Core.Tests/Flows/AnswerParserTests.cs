using DeliberationBot.Core.Flows;
using static DeliberationBot.Core.Tests.Flows.TestFlows;

namespace DeliberationBot.Core.Tests.Flows;

public class AnswerParserTests
{
    private static AnswerValue Parsed(string questionId, string input)
    {
        var (value, error) = AnswerParser.Parse(Q(questionId), input);
        Assert.Null(error);
        return Assert.IsType<AnswerValue>(value);
    }

    private static string Rejected(string questionId, string input)
    {
        var (value, error) = AnswerParser.Parse(Q(questionId), input);
        Assert.Null(value);
        return Assert.IsType<string>(error);
    }

    [Theory]
    [InlineData("yes", "yes")]
    [InlineData("y", "yes")]
    [InlineData("Yes.", "yes")]
    [InlineData("  yep!  ", "yes")]
    [InlineData("No,", "no")]
    [InlineData("not sure -", "unsure")]
    [InlineData("No", "no")]
    [InlineData("N", "no")]
    [InlineData("nope", "no")]
    [InlineData("not sure", "unsure")]
    [InlineData("Not Sure", "unsure")]
    [InlineData("unsure", "unsure")]
    [InlineData("don't know", "unsure")]
    [InlineData("?", "unsure")]
    public void Yes_no_unsure_words(string input, string option)
    {
        Assert.Equal(AnswerValue.FromChoices(option), Parsed("appeal", input));
    }

    [Theory]
    [InlineData("perhaps")]
    [InlineData("yes please")]
    [InlineData("1")]
    public void Yes_no_unsure_rejects_other_words(string input)
    {
        Assert.Equal("Please answer yes, no or unsure.", Rejected("appeal", input));
    }

    [Theory]
    [InlineData("blue", "blue")]
    [InlineData("Blue", "blue")]
    [InlineData("BLUE", "blue")]
    [InlineData("2", "blue")]
    [InlineData(" 1 ", "red")]
    [InlineData("red", "red")]
    public void Single_choice_by_id_label_or_one_based_index(string input, string option)
    {
        Assert.Equal(AnswerValue.FromChoices(option), Parsed("pick", input));
    }

    [Theory]
    [InlineData("green")]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("red, blue")]
    public void Single_choice_error_lists_the_options(string input)
    {
        Assert.Equal("Please pick one of: 1. Red, 2. Blue", Rejected("pick", input));
    }

    [Theory]
    [InlineData("2 - the score follows the child into court", "blue")]
    [InlineData("Blue: nobody asked the night shift", "blue")]
    [InlineData("red, because the vendor will not share error rates", "red")]
    [InlineData("1.\nThe night shift carries it", "red")]
    [InlineData("2 (mostly at night)", "blue")]
    public void A_single_choice_followed_by_words_keeps_them_as_written(string input, string option)
    {
        Assert.Equal(AnswerValue.FromChoices(option).WithWords(input), Parsed("pick", input));
    }

    [Theory]
    [InlineData("2. Blue", "blue")]
    [InlineData("1) red", "red")]
    public void An_option_typed_as_the_list_shows_it_is_that_option_with_no_words(string input, string option)
    {
        Assert.Equal(AnswerValue.FromChoices(option), Parsed("pick", input));
    }

    [Theory]
    [InlineData("red - blue")]
    [InlineData("1, 2")]
    [InlineData("2 - 3 of them")]
    [InlineData("green - it is cheaper")]
    [InlineData("redder than it looks")]
    public void A_single_choice_with_another_option_or_no_separator_after_it_is_refused(string input)
    {
        Assert.Equal("Please pick one of: 1. Red, 2. Blue", Rejected("pick", input));
    }

    [Fact]
    public void Multiple_choices_followed_by_words_after_a_dash_keep_them_and_after_a_comma_say_how()
    {
        Assert.Equal(AnswerValue.FromChoices("alpha", "gamma").WithWords("1, 3 - both follow the family"), Parsed("many", "1, 3 - both follow the family"));
        Assert.Equal(AnswerValue.FromChoices("beta").WithWords("Beta: the vendor, the county and the court"), Parsed("many", "Beta: the vendor, the county and the court"));
        Assert.Equal(["alpha", "gamma"], Parsed("many", "1. Alpha, 3. Gamma").Choices);
        Assert.Null(Parsed("many", "1. Alpha, 3. Gamma").Text);

        Assert.Equal(
            "Please pick one or more of (separate with commas): 1. Alpha, 2. Beta, 3. Gamma. To say why, write it after a dash: 1, 2 - why.",
            Rejected("many", "1, 2, because it scores children"));
    }

    [Fact]
    public void Multiple_choice_by_index_id_and_label()
    {
        Assert.Equal(["alpha", "gamma"], Parsed("many", "1, 3").Choices);
        Assert.Equal(["alpha", "gamma"], Parsed("many", "1,3").Choices);
        Assert.Equal(["beta", "alpha"], Parsed("many", "Beta; alpha").Choices);
        Assert.Equal(["gamma"], Parsed("many", "gamma").Choices);
        Assert.Equal(["alpha"], Parsed("many", "1, alpha, Alpha").Choices);
    }

    [Theory]
    [InlineData("1, 4")]
    [InlineData("alpha, delta")]
    [InlineData("alpha beta")]
    public void Multiple_choice_error_says_to_separate_with_commas(string input)
    {
        Assert.Equal("Please pick one or more of (separate with commas): 1. Alpha, 2. Beta, 3. Gamma", Rejected("many", input));
    }

    [Theory]
    [InlineData("15", 15)]
    [InlineData("15 minutes", 15)]
    [InlineData("2.5", 2.5)]
    [InlineData("0", 0)]
    [InlineData("  7min", 7)]
    public void Number_takes_the_leading_number(string input, double expected)
    {
        Assert.Equal((decimal)expected, Parsed("minutes", input).Number);
    }

    [Theory]
    [InlineData("minutes", "15")]
    [InlineData("minutes", "15 minutes.")]
    [InlineData("minutes", "15 min per case")]
    [InlineData("minutes", "15 mins")]
    [InlineData("readiness", "4")]
    [InlineData("readiness", "4/5")]
    [InlineData("readiness", "4 out of 5!")]
    public void A_number_with_only_its_unit_or_scale_keeps_no_words(string questionId, string input)
    {
        Assert.Null(Parsed(questionId, input).Text);
    }

    [Theory]
    [InlineData("minutes", "15-20 minutes, 45 for complex cases", 15)]
    [InlineData("minutes", "2 hours", 2)]
    [InlineData("minutes", "15 (a guess)", 15)]
    [InlineData("readiness", "4, if we get training first", 4)]
    [InlineData("readiness", "4/10", 4)]
    public void A_number_that_comes_with_more_words_keeps_them_as_written(string questionId, string input, int number)
    {
        Assert.Equal(AnswerValue.FromNumber(number, input), Parsed(questionId, input));
    }

    [Theory]
    [InlineData("No, and nobody told us how to appeal", "no")]
    [InlineData("yes - but only after a review", "yes")]
    [InlineData("Not sure: it depends on the vendor", "unsure")]
    [InlineData("Nope.\nThe score is final, we were told", "no")]
    [InlineData("no\nnobody asked", "no")]
    public void Yes_no_or_unsure_followed_by_more_words_keeps_them_as_written(string input, string option)
    {
        Assert.Equal(AnswerValue.FromChoices(option).WithWords(input), Parsed("appeal", input));
    }

    [Theory]
    [InlineData("Probably not, the supervisor has to sign off", "no")]
    [InlineData("Not really", "no")]
    [InlineData("I don’t think so. Nobody explained it", "no")]
    [InlineData("Never been asked", "no")]
    [InlineData("probably", "yes")]
    [InlineData("Mostly, when the supervisor agrees", "yes")]
    [InlineData("It depends on the shift", "unsure")]
    [InlineData("no idea", "unsure")]
    public void Yes_no_or_unsure_said_with_how_sure_the_person_is_counts_as_what_they_lean_to_with_their_words(string input, string option)
    {
        Assert.Equal(AnswerValue.FromChoices(option).WithWords(input), Parsed("appeal", input));
    }

    [Theory]
    [InlineData("yes and no")]
    [InlineData("n/a")]
    [InlineData("nobody knows, really")]
    public void Yes_no_or_unsure_without_a_clear_answer_first_is_still_no_answer(string input)
    {
        Assert.Equal("Please answer yes, no or unsure.", Rejected("appeal", input));
    }

    [Fact]
    public void A_number_whose_words_are_longer_than_an_answer_may_be_is_refused()
    {
        Assert.StartsWith("Please keep the answer under", Rejected("minutes", "15 " + new string('x', AnswerParser.MaxTextLength)));
    }

    [Fact]
    public void Number_errors()
    {
        Assert.Equal("Please answer with a number of 0 or more, for example 15.", Rejected("minutes", "no idea"));
        Assert.Equal("Please answer with a number of 0 or more, for example 15.", Rejected("minutes", "in 2 years"));
        Assert.Equal("Please answer with a number of 0 or more, for example 15.", Rejected("minutes", "-3"));
        Assert.Equal("Please answer with a number of 0 or more, for example 15.", Rejected("minutes", "oneish"));
        Assert.Equal("Please answer with a number of 0 or more, for example 15.", Rejected("minutes", "one of the reasons is the typing"));
        Assert.Equal("Please answer with a number of 0 or more, for example 15.", Rejected("minutes", "none of your business"));
    }

    [Theory]
    [InlineData("minutes", "about 15", 15)]
    [InlineData("minutes", "Close to 20 minutes, more for complex cases", 20)]
    [InlineData("minutes", "~20", 20)]
    [InlineData("minutes", "I'd say 30", 30)]
    [InlineData("minutes", "at least 45 on a bad day", 45)]
    [InlineData("minutes", "twenty-five, give or take", 25)]
    [InlineData("minutes", "about thirty", 30)]
    [InlineData("minutes", "None, it would save us time", 0)]
    [InlineData("readiness", "probably 4", 4)]
    public void A_number_said_with_how_sure_it_is_or_spelled_out_keeps_the_words(string questionId, string input, int number)
    {
        Assert.Equal(AnswerValue.FromNumber(number, input), Parsed(questionId, input));
    }

    [Theory]
    [InlineData("fifteen", 15)]
    [InlineData("fifteen minutes", 15)]
    [InlineData("Thirty.", 30)]
    [InlineData("none", 0)]
    public void A_number_spelled_out_alone_is_that_number(string input, int number)
    {
        Assert.Equal(AnswerValue.FromNumber(number), Parsed("minutes", input));
    }

    [Fact]
    public void Decimal_comma_is_not_read_as_a_thousands_separator()
    {
        var (value, _) = AnswerParser.Parse(Q("minutes"), "1,5");

        Assert.True(value is null || value.Number == 1.5m, $"\"1,5\" was read as {value?.Number}");
    }

    [Fact]
    public void Number_with_several_thousands_separators_is_not_truncated()
    {
        var (value, _) = AnswerParser.Parse(Q("minutes"), "1,000,000");

        Assert.NotEqual(1000m, value?.Number);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("4", 4)]
    [InlineData("5 - very", 5)]
    public void Scale_takes_a_number_from_one_to_five(string input, int expected)
    {
        Assert.Equal(expected, Parsed("readiness", input).Number);
    }

    [Fact]
    public void Scale_errors()
    {
        Assert.Equal("Please answer with a number from 1 to 5.", Rejected("readiness", "very"));
        Assert.Equal("Please answer with a number from 1 to 5.", Rejected("readiness", "6"));
        Assert.Equal("Please answer with a number from 1 to 5.", Rejected("readiness", "0"));
        Assert.Equal("Please answer with a number from 1 to 5.", Rejected("readiness", "2.5"));
    }

    [Fact]
    public void Scale_written_with_a_decimal_point_still_matches_any_of()
    {
        const string yaml = """
            id: test
            title: Test
            sections:
              - id: s1
                title: S1
                questions:
                  - id: q1
                    text: Q1?
                    kind: scale
                    concern_when:
                      any_of: ["1", "2"]
            """;
        var question = FlowParser.Parse(yaml, "test.yaml").Questions.Single();
        Assert.True(question.RaisesConcern(AnswerParser.Parse(question, "2").Value!));

        Assert.True(question.RaisesConcern(AnswerParser.Parse(question, "2.0").Value!));
    }

    [Fact]
    public void Free_text_is_trimmed_and_limited()
    {
        Assert.Equal("Because of typing.", Parsed("why-slow", "  Because of typing.  ").Text);
        Assert.Equal("Please keep the answer under 4000 characters (this one has 4001).", Rejected("why-slow", new string('x', AnswerParser.MaxTextLength + 1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    public void Empty_input_asks_for_an_answer(string input)
    {
        Assert.Equal("Please type an answer.", Rejected("pick", input));
    }

    [Theory]
    [InlineData("minutes", "skip")]
    [InlineData("pick", "SKIP")]
    [InlineData("appeal", " Skip ")]
    [InlineData("why-slow", "skip")]
    public void Skip_on_an_optional_question(string questionId, string input)
    {
        Assert.True(Parsed(questionId, input).Skipped);
    }

    [Theory]
    [InlineData("intro")]
    [InlineData("readiness")]
    [InlineData("what-change")]
    public void Skip_on_a_required_question_is_refused(string questionId)
    {
        Assert.Equal("This question is required, so it can't be skipped.", Rejected(questionId, "skip"));
    }

    [Fact]
    public void Describe_shows_labels_numbers_with_units_and_text()
    {
        Assert.Equal("(skipped)", AnswerParser.Describe(Q("minutes"), AnswerValue.Skip()));
        Assert.Equal("15 minutes per case", AnswerParser.Describe(Q("minutes"), AnswerValue.FromNumber(15)));
        Assert.Equal("2.5 minutes per case", AnswerParser.Describe(Q("minutes"), AnswerValue.FromNumber(2.5m)));
        Assert.Equal("15 minutes per case (\"15-20, but 45 for complex cases\")", AnswerParser.Describe(Q("minutes"), AnswerValue.FromNumber(15, "15-20, but 45 for complex cases")));
        Assert.Equal("4", AnswerParser.Describe(Q("readiness"), AnswerValue.FromNumber(4)));
        Assert.Equal("Alpha, Gamma", AnswerParser.Describe(Q("many"), AnswerValue.FromChoices("alpha", "gamma")));
        Assert.Equal("Not sure", AnswerParser.Describe(Q("appeal"), AnswerValue.FromChoices("unsure")));
        Assert.Equal("No, and nobody told us", AnswerParser.Describe(Q("appeal"), AnswerValue.FromChoices("no").WithWords("No, and nobody told us")));
        Assert.Equal("No (\"Not yet\")", AnswerParser.Describe(Q("appeal"), Parsed("appeal", "Not yet")));
        Assert.Equal("No (\"Not really, the supervisor signs off\")", AnswerParser.Describe(Q("appeal"), Parsed("appeal", "Not really, the supervisor signs off")));
        Assert.Equal("Yes (\"y - after a review\")", AnswerParser.Describe(Q("appeal"), AnswerValue.FromChoices("yes").WithWords("y - after a review")));
        Assert.Equal("purple", AnswerParser.Describe(Q("pick"), AnswerValue.FromChoices("purple")));
        Assert.Equal("Blue (\"2 - the score follows the child\")", AnswerParser.Describe(Q("pick"), Parsed("pick", "2 - the score follows the child")));
        Assert.Equal("Alpha, Gamma (\"1, 3 - both follow the family\")", AnswerParser.Describe(Q("many"), Parsed("many", "1, 3 - both follow the family")));
        Assert.Equal("free words", AnswerParser.Describe(Q("why-slow"), AnswerValue.FromText("free words")));
    }

    [Fact]
    public void Describe_round_trips_what_parse_accepted()
    {
        Assert.Equal("Blue", AnswerParser.Describe(Q("pick"), Parsed("pick", "2")));
        Assert.Equal("Yes", AnswerParser.Describe(Q("appeal"), Parsed("appeal", "y")));
        Assert.Equal("15 minutes per case", AnswerParser.Describe(Q("minutes"), Parsed("minutes", "15 minutes")));
    }
}
