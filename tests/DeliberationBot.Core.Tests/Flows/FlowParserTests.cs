using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Stakeholders;
using static DeliberationBot.Core.Tests.Flows.FlowTestSupport;

namespace DeliberationBot.Core.Tests.Flows;

/// <summary>Parsing valid flows, versions, and file-level errors. Rule errors live in the other FlowParser*Tests files.</summary>
public class FlowParserTests
{
    private const string ValidFlow = """
        id: sample
        title: Sample flow
        description: A flow used by the tests.
        sections:
          - id: first
            title: First section
            intro: Welcome.
            relation: within
            area: goals-and-use
            questions:
              - id: purpose
                text: What is it for?
                help: Say it plainly.
                kind: free_text
                required: true
              - id: minutes
                text: How many minutes?
                kind: number
                unit: minutes per case
                asked_of: [frontline_worker, legal_policy]
                concern_when:
                  at_least: 10
          - id: second
            title: Second section
            questions:
              - id: colour
                text: Which colour?
                kind: single_choice
                options:
                  - id: red
                    label: Red
                  - id: blue
                    label: Blue
                follow_ups:
                  - when:
                      any_of: [blue]
                    ask: [why-blue]
              - id: why-blue
                text: Why blue?
                kind: free_text
              - id: ready
                text: How ready?
                kind: scale
                low_label: Not at all
                high_label: Fully
        """;

    [Fact]
    public void Valid_flow_parses_into_sections_and_questions_in_document_order()
    {
        var flow = FlowParser.Parse(ValidFlow, "sample.yaml", "sample");

        Assert.Equal("sample", flow.Id);
        Assert.Equal("Sample flow", flow.Title);
        Assert.Equal("A flow used by the tests.", flow.Description);
        Assert.Equal(["first", "second"], flow.Sections.Select(s => s.Id));
        Assert.Equal(["purpose", "minutes"], flow.Sections[0].Questions.Select(q => q.Id));
        Assert.Equal(["purpose", "minutes", "colour", "why-blue", "ready"], flow.Questions.Select(q => q.Id));
        Assert.Equal("Welcome.", flow.Sections[0].Intro);
        Assert.Equal("within", flow.Sections[0].Relation);
        Assert.Equal("goals-and-use", flow.Sections[0].Area);
        Assert.Null(flow.Sections[1].Intro);
        Assert.Equal(ValidFlow, flow.Source);
    }

    [Fact]
    public void Valid_flow_reads_question_details()
    {
        var flow = FlowParser.Parse(ValidFlow, "sample.yaml");

        var purpose = flow.FindQuestion("purpose")!;
        Assert.Equal(AnswerKind.FreeText, purpose.Kind);
        Assert.Equal("What is it for?", purpose.Text);
        Assert.Equal("Say it plainly.", purpose.Help);
        Assert.True(purpose.Required);
        Assert.Equal("first", purpose.SectionId);

        var minutes = flow.FindQuestion("minutes")!;
        Assert.Equal(AnswerKind.Number, minutes.Kind);
        Assert.Equal("minutes per case", minutes.Unit);
        Assert.Equal(new HashSet<StakeholderGroup> { StakeholderGroup.FrontlineWorker, StakeholderGroup.LegalPolicy }, minutes.AskedOf);
        Assert.Equal(10m, minutes.ConcernWhen!.AtLeast);
        Assert.True(minutes.RaisesConcern(AnswerValue.FromNumber(12)));
        Assert.False(minutes.RaisesConcern(AnswerValue.FromNumber(9)));

        var colour = flow.FindQuestion("colour")!;
        Assert.Equal([new ChoiceOption("red", "Red"), new ChoiceOption("blue", "Blue")], colour.Options);
        var followUp = Assert.Single(colour.FollowUps);
        Assert.Equal(["blue"], followUp.When.AnyOf);
        Assert.Equal(["why-blue"], followUp.Ask);
        Assert.True(flow.IsFollowUp(flow.FindQuestion("why-blue")!));
        Assert.False(flow.IsFollowUp(colour));
        Assert.Same(colour, Assert.Single(flow.TriggersOf(flow.FindQuestion("why-blue")!)).Trigger);

        var ready = flow.FindQuestion("ready")!;
        Assert.Equal("Not at all", ready.LowLabel);
        Assert.Equal("Fully", ready.HighLabel);
        Assert.Equal(["1", "2", "3", "4", "5"], ready.EffectiveOptions.Select(o => o.Id));
        Assert.Same(flow.Sections[1], flow.SectionOf(ready));
    }

    [Fact]
    public void Omitted_required_and_asked_of_default_to_optional_and_everyone()
    {
        var flow = FlowParser.Parse(ValidFlow, "sample.yaml");
        var colour = flow.FindQuestion("colour")!;

        Assert.False(colour.Required);
        Assert.Empty(colour.AskedOf);
        Assert.Null(colour.ConcernWhen);
        Assert.All(Enum.GetValues<StakeholderGroup>(), g => Assert.True(colour.IsAskedOf(g)));
        Assert.False(flow.FindQuestion("minutes")!.IsAskedOf(StakeholderGroup.Community));
    }

    [Fact]
    public void Yes_no_unsure_questions_imply_their_options()
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
                    concern_when:
                      any_of: [no, unsure]
            """;

        var question = FlowParser.Parse(yaml, TestFile).Questions.Single();

        Assert.Empty(question.Options);
        Assert.Equal(["yes", "no", "unsure"], question.EffectiveOptions.Select(o => o.Id));
        Assert.Equal(["no", "unsure"], question.ConcernWhen!.AnyOf);
    }

    [Fact]
    public void Version_is_stable_for_the_same_text_and_ignores_line_endings()
    {
        var first = FlowParser.Parse(ValidFlow, "sample.yaml");
        var second = FlowParser.Parse(ValidFlow, "other-name.yaml");
        var crlf = FlowParser.Parse(ValidFlow.ReplaceLineEndings("\r\n"), "sample.yaml");

        Assert.Equal(first.Version, second.Version);
        Assert.Equal(first.Version, crlf.Version);
        Assert.Matches("^[0-9a-f]{16}$", first.Version);
    }

    [Fact]
    public void Version_changes_when_the_text_changes()
    {
        var original = FlowParser.Parse(ValidFlow, "sample.yaml");
        var reworded = FlowParser.Parse(ValidFlow.Replace("How ready?", "How ready is it?", StringComparison.Ordinal), "sample.yaml");
        var commented = FlowParser.Parse(ValidFlow + "\n# a comment\n", "sample.yaml");

        Assert.NotEqual(original.Version, reworded.Version);
        Assert.NotEqual(original.Version, commented.Version);
        Assert.Equal("How ready is it?", reworded.FindQuestion("ready")!.Text);
    }

    [Fact]
    public void Flow_id_must_match_the_file_name()
    {
        const string yaml = """
            id: something-else
            title: Test
            sections:
              - id: s1
                title: S1
                questions:
                  - id: q1
                    text: Q1?
                    kind: free_text
            """;

        var error = Assert.Single(ErrorsOf(yaml, "x.yaml", expectedId: "x"));

        AssertError(error, 1, "flow id 'something-else' must match the file name 'x'", file: "x.yaml");
        Assert.Equal("x", FlowParser.Parse(yaml.Replace("something-else", "x", StringComparison.Ordinal), "x.yaml", "x").Id);
    }

    [Fact]
    public void Invalid_yaml_syntax_is_reported_with_its_line()
    {
        const string yaml = """
            id: test
            title: Test
            sections:
              - id: s1
                title: S1: extra
                questions:
                  - id: q1
                    text: Q1?
                    kind: free_text
            """;

        var error = Assert.Single(ErrorsOf(yaml));

        AssertError(error, 5, "not valid YAML: ");
        Assert.StartsWith("not valid YAML: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_bracket_at_end_of_file_is_reported_as_invalid_yaml()
    {
        const string yaml = """
            id: test
            title: Test
            sections:
              - id: s1
                title: [unclosed
                questions:
                  - id: q1
            """;

        var error = Assert.Single(ErrorsOf(yaml));

        Assert.StartsWith("not valid YAML: ", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Line, 5, 7);
    }

    [Fact]
    public void Bad_indentation_is_reported_on_the_offending_line()
    {
        const string yaml = """
            id: test
            title: Test
              bad: indentation
            sections: []
            """;

        var error = Assert.Single(ErrorsOf(yaml));

        AssertError(error, 3, "not valid YAML");
    }

    [Theory]
    [InlineData("")]
    [InlineData("- just\n- a list\n")]
    [InlineData("just a sentence")]
    public void A_root_that_is_not_one_mapping_is_rejected(string yaml)
    {
        var error = Assert.Single(ErrorsOf(yaml));

        AssertError(error, 1, "a flow file holds one mapping with the keys id, title, description, languages, sections");
    }

    [Fact]
    public void Several_errors_are_reported_together_with_their_own_lines()
    {
        const string yaml = """
            id: Test_Flow
            title: Test
            sections:
              - id: s1
                title: S1
                shape: round
                questions:
                  - id: q1
                    text: Q1?
                    kind: essay
                  - id: q2
                    text: Q2?
                    kind: free_text
                    asked_of: [aliens]
                  - id: q1
                    text: Again?
                    kind: free_text
            """;

        var errors = ErrorsOf(yaml);

        Assert.Equal(5, errors.Count);
        AssertHasError(errors, 1, "flow id 'Test_Flow' must be lower-case words joined by hyphens");
        AssertHasError(errors, 6, "unknown key 'shape' in section");
        AssertHasError(errors, 10, "unknown kind 'essay'");
        AssertHasError(errors, 14, "unknown stakeholder group 'aliens'");
        AssertHasError(errors, 15, "duplicate question id 'q1'");
        Assert.Equal(errors.OrderBy(e => e.Line).Select(e => e.Line), errors.Select(e => e.Line));
    }

    [Fact]
    public void Exception_message_lists_every_located_error()
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
                    colour: red
            """;

        var exception = Assert.Throws<FlowValidationException>(() => FlowParser.Parse(yaml, "test.yaml"));

        Assert.Equal(2, exception.Errors.Count);
        Assert.Contains("test.yaml(9,", exception.Message, StringComparison.Ordinal);
        Assert.Contains("test.yaml(10,", exception.Message, StringComparison.Ordinal);
    }
}
