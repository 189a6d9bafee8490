using static DeliberationBot.Core.Tests.Flows.FlowTestSupport;

namespace DeliberationBot.Core.Tests.Flows;

/// <summary>FlowParser errors about follow-ups: missing targets, cycles, and conditions on the trigger.</summary>
public class FlowParserFollowUpErrorTests
{
    [Fact]
    public void Follow_up_asking_for_a_missing_question()
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
                    follow_ups:
                      - when:
                          any_of: [yes]
                        ask: [q2, nowhere]
                  - id: q2
                    text: Q2?
                    kind: free_text
            """;

        AssertSingleError(yaml, 13, "follow-up of 'q1' points at question 'nowhere', which does not exist");
    }

    [Fact]
    public void Self_cycle()
    {
        const string yaml = """
            id: test
            title: Test
            sections:
              - id: s1
                title: S1
                questions:
                  - id: a
                    text: A?
                    kind: yes_no_unsure
                    follow_ups:
                      - when:
                          any_of: [yes]
                        ask: [a]
                  - id: b
                    text: B?
                    kind: free_text
            """;

        AssertSingleError(yaml, 13, "follow-ups form a cycle: a -> a");
    }

    [Fact]
    public void Two_question_cycle()
    {
        const string yaml = """
            id: test
            title: Test
            sections:
              - id: s1
                title: S1
                questions:
                  - id: a
                    text: A?
                    kind: yes_no_unsure
                    follow_ups:
                      - when:
                          any_of: [yes]
                        ask: [b]
                  - id: b
                    text: B?
                    kind: yes_no_unsure
                    follow_ups:
                      - when:
                          any_of: [no]
                        ask: [a]
            """;

        AssertSingleError(yaml, 20, "follow-ups form a cycle: a -> b -> a");
    }

    [Fact]
    public void Self_cycle_is_reported_once_when_another_question_points_at_it()
    {
        const string yaml = """
            id: test
            title: Test
            sections:
              - id: s1
                title: S1
                questions:
                  - id: a
                    text: A?
                    kind: yes_no_unsure
                    follow_ups:
                      - when:
                          any_of: [yes]
                        ask: [a]
                  - id: c
                    text: C?
                    kind: yes_no_unsure
                    follow_ups:
                      - when:
                          any_of: [yes]
                        ask: [a]
            """;

        AssertSingleError(yaml, 13, "follow-ups form a cycle: a -> a");
    }

    [Fact]
    public void Follow_up_naming_an_option_a_yes_no_unsure_question_does_not_have()
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
                    follow_ups:
                      - when:
                          any_of: [maybe]
                        ask: [q2]
                  - id: q2
                    text: Q2?
                    kind: free_text
            """;

        AssertSingleError(yaml, 12, "rule names option 'maybe', which question 'q1' does not have (options: yes, no, unsure)");
    }

    [Fact]
    public void Condition_on_a_free_text_question()
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
                    follow_ups:
                      - when:
                          any_of: [anything]
                        ask: [q2]
                  - id: q2
                    text: Q2?
                    kind: free_text
            """;

        AssertSingleError(yaml, 12, "question 'q1' takes free text, which a condition cannot test");
    }

    [Fact]
    public void Follow_up_without_when_or_ask()
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
                    follow_ups:
                      - ask: [q2]
                      - when:
                          any_of: [yes]
                  - id: q2
                    text: Q2?
                    kind: free_text
            """;

        var errors = ErrorsOf(yaml);

        Assert.Equal(2, errors.Count);
        AssertHasError(errors, 11, "a follow-up needs 'when'");
        AssertHasError(errors, 12, "follow-up is missing 'ask'");
    }
}
