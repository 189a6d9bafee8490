using static DeliberationBot.Core.Tests.Flows.FlowTestSupport;

namespace DeliberationBot.Core.Tests.Flows;

/// <summary>FlowParser errors about keys: unknown keys, missing keys, empty or malformed values.</summary>
public class FlowParserKeyErrorTests
{
    [Fact]
    public void Unknown_key_at_flow_level()
    {
        const string yaml = """
            id: test
            title: Test
            colour: red
            sections:
              - id: s1
                title: S1
                questions:
                  - id: q1
                    text: Q1?
                    kind: free_text
            """;

        AssertSingleError(yaml, 3, "unknown key 'colour' in flow; allowed keys are id, title, description, languages, sections");
    }

    [Fact]
    public void Unknown_key_at_section_level()
    {
        const string yaml = """
            id: test
            title: Test
            sections:
              - id: s1
                title: S1
                colour: red
                questions:
                  - id: q1
                    text: Q1?
                    kind: free_text
            """;

        AssertSingleError(yaml, 6, "unknown key 'colour' in section");
    }

    [Fact]
    public void Unknown_key_at_question_level()
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
                    colour: red
            """;

        AssertSingleError(yaml, 10, "unknown key 'colour' in question");
    }

    [Fact]
    public void Unknown_key_at_option_level()
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
                        colour: red
            """;

        AssertSingleError(yaml, 15, "unknown key 'colour' in option; allowed keys are id, label");
    }

    [Fact]
    public void Misspelled_key_inside_a_condition()
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
                      at_leest: 3
            """;

        var errors = ErrorsOf(yaml);

        AssertHasError(errors, 11, "unknown key 'at_leest' in condition");
        AssertHasError(errors, 11, "a condition needs any_of, at_least or at_most");
    }

    [Fact]
    public void Missing_flow_id_title_and_sections()
    {
        const string yaml = """
            description: Nothing else here.
            """;

        var errors = ErrorsOf(yaml);

        Assert.Equal(3, errors.Count);
        AssertHasError(errors, 1, "flow is missing 'id'");
        AssertHasError(errors, 1, "flow is missing 'title'");
        AssertHasError(errors, 1, "flow is missing 'sections'");
    }

    [Fact]
    public void Missing_section_id_title_and_questions()
    {
        const string yaml = """
            id: test
            title: Test
            sections:
              - intro: Only an intro.
              - id: s2
                title: S2
                questions:
                  - id: q1
                    text: Q1?
                    kind: free_text
            """;

        var errors = ErrorsOf(yaml);

        Assert.Equal(3, errors.Count);
        AssertHasError(errors, 4, "section is missing 'id'");
        AssertHasError(errors, 4, "section is missing 'title'");
        AssertHasError(errors, 4, "section is missing 'questions'");
    }

    [Fact]
    public void Missing_question_id_text_and_kind()
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
                  - help: A question with nothing else.
            """;

        var errors = ErrorsOf(yaml);

        Assert.Equal(3, errors.Count);
        AssertHasError(errors, 10, "question is missing 'id'");
        AssertHasError(errors, 10, "question is missing 'text'");
        AssertHasError(errors, 10, "question is missing 'kind'");
    }

    [Fact]
    public void Empty_sections_and_empty_text_are_rejected()
    {
        const string yaml = """
            id: test
            title: ""
            sections: []
            """;

        var errors = ErrorsOf(yaml);

        Assert.Equal(2, errors.Count);
        AssertHasError(errors, 2, "'title' must be a non-empty text");
        AssertHasError(errors, 3, "'sections' must not be empty");
    }

    [Fact]
    public void Required_must_be_true_or_false()
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
                    required: yes
            """;

        AssertSingleError(yaml, 10, "'required' must be true or false");
    }
}
