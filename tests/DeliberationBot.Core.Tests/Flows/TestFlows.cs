using DeliberationBot.Core.Flows;

namespace DeliberationBot.Core.Tests.Flows;

/// <summary>A small flow with every answer kind, role targeting and every kind of follow-up condition.</summary>
internal static class TestFlows
{
    public const string EngineYaml = """
        id: engine
        title: Engine test
        sections:
          - id: first
            title: First
            questions:
              - id: intro
                text: Intro?
                kind: free_text
                required: true
              - id: workers-only
                text: Workers only?
                kind: yes_no_unsure
                asked_of: [frontline_worker, frontline_leader]
              - id: minutes
                text: Minutes?
                kind: number
                unit: minutes per case
                follow_ups:
                  - when:
                      at_least: 10
                    ask: [why-slow]
              - id: why-slow
                text: Why so slow?
                kind: free_text
          - id: second
            title: Second
            questions:
              - id: readiness
                text: Ready?
                kind: scale
                required: true
                follow_ups:
                  - when:
                      at_most: 2
                    ask: [what-change]
              - id: what-change
                text: What would change?
                kind: free_text
                required: true
              - id: appeal
                text: Appeal?
                kind: yes_no_unsure
                follow_ups:
                  - when:
                      any_of: ["no", unsure]
                    ask: [appeal-how, appeal-legal]
              - id: appeal-how
                text: How?
                kind: free_text
              - id: appeal-legal
                text: Legal view?
                kind: free_text
                asked_of: [legal_policy]
              - id: pick
                text: Pick one
                kind: single_choice
                options:
                  - id: red
                    label: Red
                  - id: blue
                    label: Blue
              - id: many
                text: Pick many
                kind: multiple_choice
                options:
                  - id: alpha
                    label: Alpha
                  - id: beta
                    label: Beta
                  - id: gamma
                    label: Gamma
        """;

    public static FlowDefinition Engine { get; } = FlowParser.Parse(EngineYaml, "engine.yaml", "engine");

    public static Question Q(string id) => Engine.FindQuestion(id) ?? throw new ArgumentException($"no question '{id}'", nameof(id));
}
