using static DeliberationBot.Core.Tests.Flows.FlowTestSupport;

namespace DeliberationBot.Core.Tests.Flows;

/// <summary>FlowParser errors about ids: not kebab-case, or duplicated.</summary>
public class FlowParserIdErrorTests
{
    [Fact]
    public void Duplicate_question_id_across_sections()
    {
        const string yaml = """
            id: test
            title: Test
            sections:
              - id: s1
                title: S1
                questions:
                  - id: same
                    text: Q1?
                    kind: free_text
              - id: s2
                title: S2
                questions:
                  - id: same
                    text: Q2?
                    kind: free_text
            """;

        AssertSingleError(yaml, 13, "duplicate question id 'same' (question ids are unique across the whole flow)");
    }

    [Fact]
    public void Duplicate_question_id_is_reported_when_the_flow_cannot_be_built_anyway()
    {
        // The flow id is also invalid, so no FlowDefinition is built and the duplicate-id error surfaces (see the BUG above).
        const string yaml = """
            id: Bad_Id
            title: Test
            sections:
              - id: s1
                title: S1
                questions:
                  - id: same
                    text: Q1?
                    kind: free_text
              - id: s2
                title: S2
                questions:
                  - id: same
                    text: Q2?
                    kind: free_text
            """;

        var errors = ErrorsOf(yaml);

        Assert.Equal(2, errors.Count);
        AssertHasError(errors, 13, "duplicate question id 'same' (question ids are unique across the whole flow)");
    }

    [Fact]
    public void Duplicate_section_id()
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
              - id: s1
                title: S1 again
                questions:
                  - id: q2
                    text: Q2?
                    kind: free_text
            """;

        AssertSingleError(yaml, 10, "duplicate section id 's1'");
    }

    [Fact]
    public void Duplicate_option_id()
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
                    options:
                      - id: a
                        label: A
                      - id: b
                        label: B
                      - id: a
                        label: A again
            """;

        AssertSingleError(yaml, 15, "duplicate option id 'a'");
    }

    [Theory]
    [InlineData("id: Not_Kebab", "question id 'Not_Kebab' must be lower-case words joined by hyphens")]
    [InlineData("id: camelCase", "question id 'camelCase' must be lower-case words joined by hyphens")]
    [InlineData("id: trailing-", "question id 'trailing-' must be lower-case words joined by hyphens")]
    [InlineData("id: two--hyphens", "question id 'two--hyphens' must be lower-case words joined by hyphens")]
    [InlineData("id: with space", "question id 'with space' must be lower-case words joined by hyphens")]
    public void Question_id_must_be_kebab_case(string idLine, string fragment)
    {
        var yaml = $"""
            id: test
            title: Test
            sections:
              - id: s1
                title: S1
                questions:
                  - {idLine}
                    text: Q1?
                    kind: free_text
            """;

        AssertSingleError(yaml, 7, fragment);
    }

    [Fact]
    public void Section_and_option_ids_must_be_kebab_case()
    {
        const string yaml = """
            id: test
            title: Test
            sections:
              - id: Section1
                title: S1
                questions:
                  - id: q1
                    text: Q1?
                    kind: single_choice
                    options:
                      - id: yes_please
                        label: Yes please
                      - id: no-thanks
                        label: No thanks
            """;

        var errors = ErrorsOf(yaml);

        Assert.Equal(3, errors.Count);
        AssertHasError(errors, 4, "section id 'Section1' must be lower-case words joined by hyphens");
        AssertHasError(errors, 11, "option id 'yes_please' must be lower-case words joined by hyphens");
        AssertHasError(errors, 11, "a choice question needs at least two options");
    }
}
