using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Storage.Tests.Support;

/// <summary>Small, realistic records to store.</summary>
public static class Samples
{
    public const string FlowYaml = """
        id: sample
        title: Sample flow
        sections:
          - id: work
            title: Work
            questions:
              - id: minutes
                text: How many extra minutes per case?
                kind: number
                unit: minutes per case
              - id: override
                text: Can workers override the score?
                kind: yes_no_unsure
        """;

    public static FlowDefinition Flow(string yaml = FlowYaml) => FlowParser.Parse(yaml, "sample.yaml");

    public static ConversationRef Channel(string workspace) => new("test", workspace, "C-REVIEW");

    public static Deliberation Deliberation(string workspace, FlowDefinition flow, DateTimeOffset at) => new(
        Guid.CreateVersion7(at), workspace, flow.Id, flow.Version, "Predictive screening for hotline calls", null,
        [new UserRef("U-MARIA", "Maria")], new UserRef("U-DANA", "Dana"), Channel(workspace), new DateOnly(2026, 12, 18),
        AnonymityPolicy.AnonymousAllowed, DeliberationStatus.Open, at);

    public static Participant Participant(Deliberation d, string user, StakeholderGroup group, DateTimeOffset at) =>
        new(d.Id, "user:" + user, user, user, group, false, at);

    public static Answer Answer(Participant p, string question, AnswerValue value, DateTimeOffset at, int revision = 1) =>
        new(p.DeliberationId, p.Key, question, p.Group, value, false, revision, at);

    public static OutboxMessage Message(string workspace, string key, DateTimeOffset at, string? slot = null, string text = "hello") =>
        new(Guid.CreateVersion7(at), workspace, key, Destination.To(Channel(workspace)), new Confirmation(text), at, slot);
}
