using static DeliberationBot.Core.Tests.Flows.FlowTestSupport;

namespace DeliberationBot.Core.Tests.Flows;

/// <summary>FlowParser errors about kinds, options, stakeholder groups and conditions.</summary>
public class FlowParserRuleErrorTests
{
    [Fact]
    public void Unknown_kind()
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
                    kind: essay
            """;

        AssertSingleError(yaml, 9, "unknown kind 'essay'; use one of free_text, single_choice, multiple_choice, yes_no_unsure, scale, number");
    }

    [Fact]
    public void Unknown_stakeholder_group_in_asked_of()
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
                    kind: free_text
                    asked_of:
                      - legal_policy
                      - lawyers
            """;

        var error = AssertSingleError(yaml, 12, "unknown stakeholder group 'lawyers'");
        Assert.Contains("frontline_worker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_on_a_yes_no_unsure_question()
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
                    kind: yes_no_unsure
                    options: [{ id: yes, label: Yes }, { id: no, label: No }]
            """;

        AssertSingleError(yaml, 10, "'options' is only for single_choice and multiple_choice questions");
    }

    [Fact]
    public void Fewer_than_two_options()
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
                    kind: single_choice
                    options: [{ id: only, label: Only }]
            """;

        AssertSingleError(yaml, 10, "a choice question needs at least two options");
    }

    [Fact]
    public void Choice_question_without_options_is_reported_on_the_question()
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
                    kind: multiple_choice
            """;

        AssertSingleError(yaml, 7, "a choice question needs at least two options");
    }

    [Fact]
    public void Unit_only_for_number_and_labels_only_for_scale()
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
                    kind: free_text
                    unit: minutes
                    low_label: Low
            """;

        var errors = ErrorsOf(yaml);

        Assert.Equal(2, errors.Count);
        AssertHasError(errors, 10, "'unit' is only for number questions");
        AssertHasError(errors, 11, "'low_label' is only for scale questions");
    }

    [Fact]
    public void Concern_naming_an_option_a_choice_question_does_not_have()
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
                    kind: single_choice
                    options:
                      - id: red
                        label: Red
                      - id: blue
                        label: Blue
                    concern_when:
                      any_of:
                        - red
                        - green
            """;

        AssertSingleError(yaml, 18, "rule names option 'green', which question 'q1' does not have (options: red, blue)");
    }

    [Fact]
    public void At_least_on_a_single_choice_question()
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
                    kind: single_choice
                    options:
                      - id: a
                        label: A
                      - id: b
                        label: B
                    concern_when:
                      at_least: 3
            """;

        AssertSingleError(yaml, 16, "at_least / at_most only apply to number and scale questions; 'q1' is SingleChoice");
    }

    [Fact]
    public void Condition_mixing_any_of_and_bounds()
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
                      any_of: ["1"]
                      at_most: 2
            """;

        AssertSingleError(yaml, 11, "a condition uses either any_of or at_least/at_most, not both");
    }

    [Fact]
    public void Bound_must_be_a_number()
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
                    kind: number
                    concern_when:
                      at_least: ten
            """;

        var errors = ErrorsOf(yaml);

        AssertHasError(errors, 11, "'at_least' must be a number");
    }
}
